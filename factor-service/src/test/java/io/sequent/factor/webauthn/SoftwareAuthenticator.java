package io.sequent.factor.webauthn;

import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A FIDO2 authenticator in software, for tests: an EC P-256 credential key, real CBOR attestation
 * objects ("packed" self attestation, "packed" full attestation signed with a {@link TestCa} attestation
 * key and carrying its certificate path, or "none") with authenticatorData holding the rpIdHash, flags,
 * signature counter and attested credential data (AAGUID, credential id, COSE key), and real ES256
 * assertion signatures over authenticatorData || SHA-256(clientDataJSON). What a browser would hand
 * over is returned base64url-encoded, as the Okta API carries it.
 */
public final class SoftwareAuthenticator {

    public static final UUID AAGUID_VALUE = UUID.fromString("5e9a1d8c-0f6b-4a51-9d3e-7c2b8a4f6e10");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte UP = 0x01;
    private static final byte AT = 0x40;

    /** What navigator.credentials.create hands over. */
    public record Attestation(String attestation, String clientData, String credentialId) {
    }

    /** What navigator.credentials.get hands over. */
    public record Assertion(String clientData, String authenticatorData, String signatureData) {
    }

    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private final ObjectConverter converter = new ObjectConverter();
    private final UUID aaguid;
    private long counter;

    public SoftwareAuthenticator() {
        this(AAGUID_VALUE);
    }

    /** An authenticator of the model {@code aaguid}. */
    public SoftwareAuthenticator(UUID aaguid) {
        this.aaguid = aaguid;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    public byte[] credentialId() {
        return credentialId.clone();
    }

    /** Sets the signature counter the next operation starts from (to simulate a cloned key). */
    public void counter(long value) {
        counter = value;
    }

    /** Registration with "packed" self attestation (selfAttested) or "none". */
    public Attestation register(String rpId, String origin, String challenge, boolean selfAttested) {
        return register(rpId, origin, challenge, selfAttested, null);
    }

    /** Registration with "packed" full attestation: signed with the attester's key, its certificate path as x5c. */
    public Attestation register(String rpId, String origin, String challenge, TestCa.Attester attester) {
        return register(rpId, origin, challenge, true, attester);
    }

    private Attestation register(String rpId, String origin, String challenge, boolean packed, TestCa.Attester attester) {
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        var attested = new AttestedCredentialData(new AAGUID(aaguid), credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        byte[] authData = new AuthenticatorDataConverter(converter)
                .convert(new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (UP | AT), ++counter, attested));
        Map<String, Object> object = new LinkedHashMap<>();
        if (packed) {
            object.put("fmt", "packed");
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("alg", -7);
            statement.put("sig", sign(attester == null ? keys.getPrivate() : attester.key(), authData, clientData));
            if (attester != null) {
                statement.put("x5c", attester.x5c().stream().map(SoftwareAuthenticator::der).toList());
            }
            object.put("attStmt", statement);
        } else {
            object.put("fmt", "none");
            object.put("attStmt", Map.of());
        }
        object.put("authData", authData);
        byte[] cbor = converter.getCborConverter().writeValueAsBytes(object);
        return new Attestation(B64URL.encodeToString(cbor), B64URL.encodeToString(clientData), B64URL.encodeToString(credentialId));
    }

    /** An assertion for the challenge, signed with the credential key; the counter grows by one. */
    public Assertion assertion(String rpId, String origin, String challenge) {
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        byte[] authData = new AuthenticatorDataConverter(converter)
                .convert(new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), UP, ++counter));
        return new Assertion(B64URL.encodeToString(clientData), B64URL.encodeToString(authData),
                B64URL.encodeToString(sign(keys.getPrivate(), authData, clientData)));
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(PrivateKey key, byte[] authData, byte[] clientData) {
        try {
            var out = new ByteArrayOutputStream();
            out.write(authData);
            out.write(sha256(clientData));
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(key);
            signature.update(out.toByteArray());
            return signature.sign();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
