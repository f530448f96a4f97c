package io.sequent.factor.domain;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Argon2id from libsodium ({@code crypto_pwhash} with {@code crypto_pwhash_ALG_ARGON2ID13}), the system's library
 * through JNA. libsodium carries the same algorithm as libargon2 in SSSE3, AVX2 and AVX-512 builds and picks the one
 * this CPU runs at start-up; Debian's libargon2 is built from the portable reference code only. Measured on the
 * project's 2-core machine (AVX-512), one hash with the defaults (7 MiB, t=5) takes 10.1 ms in libsodium 1.0.18
 * against 16.8 ms in libargon2: the same bytes, computed in 40 % less CPU.
 *
 * <p>libsodium fixes what Argon2id leaves open: one lane, a 16-byte salt and a tag of at least 16 bytes. A hash
 * outside those (none this service writes) is computed by libargon2 or Bouncy Castle instead ({@link #fits}).
 */
final class Libsodium {

    /** {@code crypto_pwhash_ALG_ARGON2ID13} */
    private static final int ALG_ARGON2ID13 = 2;
    /** {@code crypto_pwhash_SALTBYTES} */
    private static final int SALT_BYTES = 16;
    /** {@code crypto_pwhash_BYTES_MIN} */
    private static final int MIN_LENGTH = 16;

    private interface Api extends Library {
        int sodium_init();

        // size_t and unsigned long long are both 64 bits wide on the platforms this is loaded on (see load)
        int crypto_pwhash(byte[] out, long outlen, byte[] passwd, long passwdlen, byte[] salt, long opslimit,
                          long memlimit, int alg);
    }

    private final Api api;

    private Libsodium(Api api) {
        this.api = api;
    }

    /** The system's libsodium, or null where it is not installed or cannot serve (then the caller hashes another way). */
    static Libsodium load() {
        // -Dsequent.argon2.libsodium=false leaves it unused (to compare, or to distrust an installed library)
        if ("false".equalsIgnoreCase(System.getProperty("sequent.argon2.libsodium"))
                || Native.SIZE_T_SIZE != 8 || Native.LONG_SIZE != 8) {
            return null;
        }
        try {
            Api api = Native.load("sodium", Api.class);
            // 0: initialised now, 1: already was; -1: it cannot run here
            if (api.sodium_init() < 0) {
                return null;
            }
            return new Libsodium(api);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    static boolean fits(Argon2id parameters, byte[] salt, int length) {
        return parameters.parallelism() == 1 && salt.length == SALT_BYTES && length >= MIN_LENGTH;
    }

    /** The raw Argon2id tag; only for parameters that {@link #fits}. */
    byte[] derive(byte[] password, byte[] salt, Argon2id parameters, int length) {
        byte[] out = new byte[length];
        // libsodium takes the memory in bytes and hashes with memlimit / 1024 KiB
        int rc = api.crypto_pwhash(out, length, password, password.length, salt, parameters.iterations(),
                (long) parameters.memoryKib() * 1024, ALG_ARGON2ID13);
        if (rc != 0) {
            // its only failures are parameters out of range and an allocation that failed
            throw new IllegalStateException("libsodium could not compute Argon2id (" + parameters + ")");
        }
        return out;
    }
}
