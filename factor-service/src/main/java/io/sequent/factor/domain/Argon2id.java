package io.sequent.factor.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) hashes of local passwords, stored in the PHC string format
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), so the parameters travel with each hash and
 * can change without breaking old hashes: a password that verifies against a hash of other
 * parameters is hashed again ({@link #needsRehash}). Defaults: 7 MiB, 5 iterations, 1 lane (one of
 * OWASP's equivalent configurations, the one the project's requirement names), 16-byte salt, 32-byte
 * hash. CPU-bound: call it off the event loop.
 */
public record Argon2id(int memoryKib, int iterations, int parallelism) {

    public static final Argon2id DEFAULT = new Argon2id(7 * 1024, 5, 1);
    public static final String PREFIX = "$argon2id$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public Argon2id {
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2id parameters");
        }
    }

    public String hash(String secret, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(secret, salt, this, HASH_BYTES);
        return PREFIX + "v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code secret} matches the PHC string; false for anything malformed. */
    public static boolean verify(String secret, String phc) {
        Objects.requireNonNull(secret, "secret");
        Optional<Phc> parsed = parse(phc);
        if (parsed.isEmpty()) {
            return false;
        }
        Phc p = parsed.get();
        try {
            return MessageDigest.isEqual(p.hash(), derive(secret, p.salt(), p.parameters(), p.hash().length));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a PHC string (one that just verified) was made with other parameters, salt or hash length than these:
     * the secret is then hashed again with these and stored. True for anything malformed.
     */
    public boolean needsRehash(String phc) {
        return parse(phc).map(p -> !p.parameters().equals(this) || p.salt().length != SALT_BYTES || p.hash().length != HASH_BYTES)
                .orElse(true);
    }

    private record Phc(Argon2id parameters, byte[] salt, byte[] hash) {
    }

    private static Optional<Phc> parse(String phc) {
        if (phc == null) {
            return Optional.empty();
        }
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            return Optional.empty();
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
                        return Optional.empty();
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] hash = B64D.decode(parts[5]);
            // RFC 9106: a salt of at least 8 bytes; a tag shorter than 16 bytes is not one this service writes
            if (salt.length < 8 || hash.length < 16) {
                return Optional.empty();
            }
            return Optional.of(new Phc(new Argon2id(m, t, p), salt, hash));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(String secret, byte[] salt, Argon2id parameters, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKib()).withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism()).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(secret.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
