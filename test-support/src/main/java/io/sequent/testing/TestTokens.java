package io.sequent.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with an RSA key made once per test JVM. Services under test
 * validate them with {@code quarkus-oidc} configured with the public half ({@link OidcTestResource}),
 * so the check is the real one, with no network issuer.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.sequent.test";
    public static final String KEY_ID = "sequent-test";
    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    /** The public key as quarkus-oidc's {@code public-key} setting takes it: base64 DER, no PEM armour. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String admin() {
        return token("admin@sequent.test", "admin");
    }

    /** A token for {@code subject} holding {@code roles} in the {@code groups} claim. */
    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles)).expiresIn(600)
                .jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    /** A token for {@code subject} holding {@code roles}, valid for {@code seconds} only. */
    public static String expiringIn(long seconds, String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles)).expiresIn(seconds)
                .jws().keyId(KEY_ID).sign(KEYS.getPrivate());
    }

    /** A well-formed token signed by a key no service trusts. */
    public static String foreign(String... roles) {
        return Jwt.issuer(ISSUER).subject("mallory").groups(Set.of(roles)).expiresIn(600).sign(generate().getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
