package io.sequent.factor.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** libsodium, libargon2 and Bouncy Castle compute the same Argon2id, so a hash made by one verifies with the others. */
class Argon2idNativeTest {

    private static final boolean LINUX_X86_64 = "Linux".equals(System.getProperty("os.name"))
            && "amd64".equals(System.getProperty("os.arch"));

    @Test
    void theFastestLibraryInstalledHashes() {
        // argon2-jvm ships builds for Linux (x86-64, aarch64), macOS and Windows: a Linux x86-64 service hashes natively,
        // in libsodium wherever Debian's package of it is installed (the local scripts install it)
        if (LINUX_X86_64) {
            boolean sodium = Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libsodium.so.23"));
            assertEquals(sodium ? "libsodium" : "libargon2", Argon2id.backend());
        }
    }

    @Test
    void everyLibraryGivesBouncyCastlesHashForEveryParameterSet() {
        byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.UTF_8);
        String[] secrets = {"correct horse battery staple", "pässwörd ✓", "", "x".repeat(300)};
        Argon2id[] parameters = {Argon2id.DEFAULT, new Argon2id(8, 1, 1), new Argon2id(64, 1, 1), new Argon2id(256, 3, 2),
                new Argon2id(19 * 1024, 2, 1)};
        for (Argon2id p : parameters) {
            for (String secret : secrets) {
                byte[] password = secret.getBytes(StandardCharsets.UTF_8);
                for (int length : new int[] {16, 32, 64}) {
                    byte[] expected = Argon2id.deriveInJava(password, salt, p, length);
                    String what = p + " length " + length + " secret '" + secret + "'";
                    assertArrayEquals(expected, Argon2id.derive(secret, salt, p, length), what);
                    assertArrayEquals(expected, Argon2id.deriveInLibargon2(password, salt, p, length), what);
                    Optional<byte[]> sodium = Argon2id.deriveInLibsodium(password, salt, p, length);
                    sodium.ifPresent(hash -> assertArrayEquals(expected, hash, what));
                    if ("libsodium".equals(Argon2id.backend())) {
                        assertEquals(p.parallelism() == 1, sodium.isPresent(), "libsodium takes one lane only: " + what);
                    }
                }
            }
        }
    }

    @Test
    void saltsAndTagsLibsodiumCannotTakeAreHashedElsewhere() {
        byte[] password = "s3cret".getBytes(StandardCharsets.UTF_8);
        Argon2id small = new Argon2id(64, 1, 1);
        for (byte[] salt : new byte[][] {new byte[8], new byte[15], new byte[17], new byte[32]}) {
            assertTrue(Argon2id.deriveInLibsodium(password, salt, small, 32).isEmpty(), "salt of " + salt.length);
            assertArrayEquals(Argon2id.deriveInJava(password, salt, small, 32), Argon2id.derive("s3cret", salt, small, 32));
        }
        assertTrue(Argon2id.deriveInLibsodium(password, new byte[16], small, 12).isEmpty(), "a 12-byte tag");
    }

    @Test
    void aHashMadeInJavaVerifiesAndAWrongSecretDoesNot() {
        byte[] salt = new byte[16];
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String phc = Argon2id.PREFIX + "v=19$m=7168,t=5,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(
                Argon2id.deriveInJava("s3cret".getBytes(StandardCharsets.UTF_8), salt, Argon2id.DEFAULT, 32));
        assertTrue(Argon2id.verify("s3cret", phc));
        assertFalse(Argon2id.verify("s3cret!", phc));
    }
}
