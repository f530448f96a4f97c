package io.sequent.authflow.domain.flow;

/** Where the status read just before SUCCESS (S2) came from. */
public enum StatusSource {
    /** The user read model built from directory events. Enough unless a live read is required. */
    READ_MODEL,
    /** A live read from the directory (userAccountControl, accountExpires, lockoutTime). */
    LIVE_DIRECTORY,
    /** The directory could not be reached and its setting says: use the last imported state. */
    LAST_IMPORTED,
    /** The directory could not be reached and its setting says: refuse. */
    UNREACHABLE
}
