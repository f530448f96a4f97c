package io.sequent.directory.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Windows FILETIME: 100-nanosecond intervals since 1601-01-01T00:00:00Z, the format of AD's
 * {@code pwdLastSet}, {@code lockoutTime}, {@code accountExpires} and
 * {@code msDS-UserPasswordExpiryTimeComputed}.
 */
public final class FileTime {

    /** {@code accountExpires} and the computed expiry use this (and 0) for "never". */
    public static final long NEVER = Long.MAX_VALUE;
    /** Seconds between 1601-01-01 and 1970-01-01. */
    static final long EPOCH_OFFSET_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;

    private FileTime() {
    }

    /** The instant of a FILETIME value; empty for 0, negative values and {@link #NEVER}. */
    public static Optional<Instant> toInstant(long fileTime) {
        if (fileTime <= 0 || fileTime == NEVER) {
            return Optional.empty();
        }
        long seconds = fileTime / TICKS_PER_SECOND - EPOCH_OFFSET_SECONDS;
        long nanos = (fileTime % TICKS_PER_SECOND) * 100;
        return Optional.of(Instant.ofEpochSecond(seconds, nanos));
    }

    public static long fromInstant(Instant instant) {
        return (instant.getEpochSecond() + EPOCH_OFFSET_SECONDS) * TICKS_PER_SECOND + instant.getNano() / 100;
    }
}
