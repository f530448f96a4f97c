package io.sequent.events;

/** The account status as the directory last reported it. */
public enum UserStatus {
    ACTIVE,
    /** Disabled in the directory (AD userAccountControl 0x2) or by an admin. */
    DISABLED,
    /** Locked out after bad passwords (AD lockoutTime, userAccountControl 0x10). */
    LOCKED_OUT,
    /** Deleted in the directory, or moved out of the imported scope. */
    DELETED
}
