package io.sequent.authflow.token;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An RS256 signing key with its key id; the public half is published in the JWKS. */
public record SigningKey(String kid, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
    }

    /** Rebuilds a key from its PKCS#8 encoding. */
    public static SigningKey fromPkcs8(String kid, byte[] pkcs8) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey key = rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new SigningKey(kid, crt, pub);
        } catch (java.security.GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("stored signing key " + kid + " cannot be read", e);
        }
    }

    /** The public JWK of this key. */
    public Map<String, Object> publicJwk() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", kid);
        jwk.put("n", b64.encodeToString(unsigned(publicKey.getModulus())));
        jwk.put("e", b64.encodeToString(unsigned(publicKey.getPublicExponent())));
        return jwk;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
