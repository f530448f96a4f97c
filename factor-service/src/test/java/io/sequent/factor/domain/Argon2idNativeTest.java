package io.sequent.factor.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** libargon2 and Bouncy Castle compute the same Argon2id, so hashes of either verify with the other. */
class Argon2idNativeTest {

    @Test
    void libargon2LoadsOnTheSupportedPlatforms() {
        // argon2-jvm ships builds for Linux (x86-64, aarch64), macOS and Windows: a Linux x86-64 service hashes natively
        if ("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"))) {
            assertTrue(Argon2id.usesNative());
        }
    }

    @Test
    void theNativeHashIsBouncyCastlesForEveryParameterSet() {
        byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.UTF_8);
        String[] secrets = {"correct horse battery staple", "pässwörd ✓", "", "x".repeat(300)};
        Argon2id[] parameters = {Argon2id.DEFAULT, new Argon2id(64, 1, 1), new Argon2id(256, 3, 2), new Argon2id(19 * 1024, 2, 1)};
        for (Argon2id p : parameters) {
            for (String secret : secrets) {
                for (int length : new int[] {16, 32, 64}) {
                    assertArrayEquals(Argon2id.deriveInJava(secret.getBytes(StandardCharsets.UTF_8), salt, p, length),
                            Argon2id.derive(secret, salt, p, length), p + " length " + length);
                }
            }
        }
    }

    @Test
    void aHashMadeInJavaVerifiesAndAWrongSecretDoesNot() {
        byte[] salt = new byte[16];
        String phc = Argon2id.PREFIX + "v=19$m=7168,t=5,p=1$" + java.util.Base64.getEncoder().withoutPadding().encodeToString(salt)
                + "$" + java.util.Base64.getEncoder().withoutPadding().encodeToString(
                        Argon2id.deriveInJava("s3cret".getBytes(StandardCharsets.UTF_8), salt, Argon2id.DEFAULT, 32));
        assertTrue(Argon2id.verify("s3cret", phc));
        assertTrue(!Argon2id.verify("s3cret!", phc));
    }
}
