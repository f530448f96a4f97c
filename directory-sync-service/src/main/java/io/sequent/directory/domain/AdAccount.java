package io.sequent.directory.domain;

import io.sequent.events.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The raw account-control attributes of one Active Directory user, and their meaning.
 * Missing attributes are null: a non-AD server has none of them and its users are ACTIVE.
 *
 * @param userAccountControl          the stored flags (0x2 disabled, 0x10 locked, 0x10000 password never expires)
 * @param accountControlComputed      {@code msDS-User-Account-Control-Computed} when read (0x10 locked,
 *                                    0x800000 password expired); AD computes it at read time
 * @param pwdLastSet                  FILETIME; 0 means the password must be changed
 * @param lockoutTime                 FILETIME of the lockout; 0 or absent when not locked
 * @param accountExpires              FILETIME; 0 and 0x7FFFFFFFFFFFFFFF mean never
 * @param passwordExpiryComputed      {@code msDS-UserPasswordExpiryTimeComputed} FILETIME when present
 */
public record AdAccount(Long userAccountControl, Long accountControlComputed, Long pwdLastSet, Long lockoutTime,
                        Long accountExpires, Long passwordExpiryComputed) {

    public static final long ACCOUNTDISABLE = 0x2;
    public static final long LOCKOUT = 0x10;
    public static final long DONT_EXPIRE_PASSWORD = 0x10000;
    public static final long PASSWORD_EXPIRED = 0x800000;

    /**
     * The account's state at {@code now}.
     *
     * @param maxPasswordAge  the domain's maximum password age, used only when the server does not compute
     *                        the expiry itself; null when unknown (then only the computed expiry counts)
     * @param lockoutDuration how long a lockout lasts; null means until an admin unlocks
     */
    public AccountState evaluate(Instant now, Duration maxPasswordAge, Duration lockoutDuration) {
        long uac = userAccountControl == null ? 0 : userAccountControl;
        long computed = accountControlComputed == null ? 0 : accountControlComputed;
        boolean disabled = (uac & ACCOUNTDISABLE) != 0;
        boolean locked = (uac & LOCKOUT) != 0 || (computed & LOCKOUT) != 0 || lockedByTime(now, lockoutDuration);

        boolean mustChange = pwdLastSet != null && pwdLastSet == 0;
        boolean neverExpires = (uac & DONT_EXPIRE_PASSWORD) != 0;
        Instant passwordExpiresAt = neverExpires || mustChange ? null : passwordExpiry(maxPasswordAge).orElse(null);
        boolean passwordExpired = mustChange
                || (computed & PASSWORD_EXPIRED) != 0
                || (passwordExpiresAt != null && !now.isBefore(passwordExpiresAt));

        Instant accountExpiresAt = accountExpires == null ? null : FileTime.toInstant(accountExpires).orElse(null);
        boolean accountExpired = accountExpiresAt != null && !now.isBefore(accountExpiresAt);

        UserStatus status = disabled ? UserStatus.DISABLED : locked ? UserStatus.LOCKED_OUT : UserStatus.ACTIVE;
        return new AccountState(status, mustChange, passwordExpired, passwordExpiresAt, accountExpired, accountExpiresAt);
    }

    private boolean lockedByTime(Instant now, Duration lockoutDuration) {
        if (lockoutTime == null || lockoutTime <= 0) {
            return false;
        }
        if (lockoutDuration == null || lockoutDuration.isZero()) {
            return true;
        }
        return FileTime.toInstant(lockoutTime).map(at -> now.isBefore(at.plus(lockoutDuration))).orElse(true);
    }

    private Optional<Instant> passwordExpiry(Duration maxPasswordAge) {
        if (passwordExpiryComputed != null) {
            return FileTime.toInstant(passwordExpiryComputed);
        }
        if (pwdLastSet == null || maxPasswordAge == null || maxPasswordAge.isZero()) {
            return Optional.empty();
        }
        return FileTime.toInstant(pwdLastSet).map(set -> set.plus(maxPasswordAge));
    }
}
