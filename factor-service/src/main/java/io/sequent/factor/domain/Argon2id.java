package io.sequent.factor.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) hashes of passwords and answers, stored in the PHC string format
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), so the parameters travel with each hash and
 * can be raised later without breaking old hashes. Defaults follow OWASP's recommendation: 19 MiB,
 * 2 iterations, 1 lane, 16-byte salt, 32-byte hash. CPU-bound: call it off the event loop.
 */
public record Argon2id(int memoryKib, int iterations, int parallelism) {

    public static final Argon2id DEFAULT = new Argon2id(19 * 1024, 2, 1);
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public Argon2id {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2id parameters");
        }
    }

    public String hash(String secret, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] hash = derive(secret, salt, memoryKib, iterations, parallelism, 32);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code secret} matches the PHC string; false for anything malformed. */
    public static boolean verify(String secret, String phc) {
        Objects.requireNonNull(secret, "secret");
        if (phc == null) {
            return false;
        }
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return false;
        }
        try {
            int m = 0;
            int t = 0;
            int p = 0;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=");
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            new Argon2id(m, t, p);
            byte[] actual = derive(secret, salt, m, t, p, expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static byte[] derive(String secret, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m).withIterations(t).withParallelism(p).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
