package io.sequent.factor.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) hashes of local passwords, stored in the PHC string format
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), so the parameters travel with each hash and
 * can change without breaking old hashes: a password that verifies against a hash of other
 * parameters is hashed again ({@link #needsRehash}). Defaults: 7 MiB, 5 iterations, 1 lane (one of
 * OWASP's equivalent configurations, the one the project's requirement names), 16-byte salt, 32-byte
 * hash. CPU-bound: call it off the event loop.
 *
 * <p>Where the hash is computed, the first that loads: libsodium ({@link Libsodium}, the system's library: its SIMD
 * builds take 10 ms a check with the defaults on the project's 2-core machine); libargon2, the reference
 * implementation in C (through JNA: the system's library where one is installed, argon2-jvm's bundled builds
 * otherwise; 17 ms); Bouncy Castle's Java port (26 ms, and its 7 MiB heap array per check kept the collector busy under
 * sign-in load). All three give the same bytes (a test compares them), so a hash made by one verifies with the others.
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

    /** libsodium, or null where it is not installed (then libargon2 or Bouncy Castle computes the same hash). */
    private static final Libsodium SODIUM = Libsodium.load();

    /** libargon2, or null when it did not load here (then Bouncy Castle computes the same hash). */
    private static final Argon2Advanced LIBARGON2 = loadLibargon2();

    private static Argon2Advanced loadLibargon2() {
        try {
            Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
            // the smallest valid hash, so a library that cannot load fails here rather than in a sign-in
            argon2.rawHashAdvanced(1, 8, 1, new byte[1], new byte[8], null, null, 16, Argon2Version.V13);
            return argon2;
        } catch (LinkageError | RuntimeException e) {
            System.getLogger(Argon2id.class.getName()).log(System.Logger.Level.WARNING,
                    "libargon2 did not load ({0}); Argon2id falls back to Bouncy Castle's Java port where libsodium cannot serve",
                    e.toString());
            return null;
        }
    }

    /** What computes a hash with the defaults here: {@code libsodium}, {@code libargon2} or {@code bouncycastle}. */
    public static String backend() {
        return SODIUM != null ? "libsodium" : LIBARGON2 != null ? "libargon2" : "bouncycastle";
    }

    static byte[] derive(String secret, byte[] salt, Argon2id parameters, int length) {
        byte[] password = secret.getBytes(StandardCharsets.UTF_8);
        return deriveInLibsodium(password, salt, parameters, length)
                .orElseGet(() -> deriveInLibargon2(password, salt, parameters, length));
    }

    /** libargon2 where it loaded, Bouncy Castle otherwise: for what libsodium cannot compute, and for tests. */
    static byte[] deriveInLibargon2(byte[] password, byte[] salt, Argon2id parameters, int length) {
        // argon2-jvm cannot pass an empty secret (a zero-byte native buffer): that one is hashed in Java, for every user alike
        if (LIBARGON2 != null && password.length > 0) {
            return LIBARGON2.rawHashAdvanced(parameters.iterations(), parameters.memoryKib(), parameters.parallelism(),
                    password, salt, null, null, length, Argon2Version.V13);
        }
        return deriveInJava(password, salt, parameters, length);
    }

    /** libsodium's hash, or empty where it did not load or cannot take these parameters. Visible for tests. */
    static Optional<byte[]> deriveInLibsodium(byte[] password, byte[] salt, Argon2id parameters, int length) {
        return SODIUM != null && Libsodium.fits(parameters, salt, length)
                ? Optional.of(SODIUM.derive(password, salt, parameters, length)) : Optional.empty();
    }

    /** Bouncy Castle's Argon2id: the fallback, and what the native hash is checked against. Visible for tests. */
    static byte[] deriveInJava(byte[] password, byte[] salt, Argon2id parameters, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(parameters.memoryKib()).withIterations(parameters.iterations())
                .withParallelism(parameters.parallelism()).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
