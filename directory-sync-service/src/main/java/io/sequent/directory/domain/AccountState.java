package io.sequent.directory.domain;

import io.sequent.events.UserStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What a directory account's attributes mean at one instant.
 *
 * @param status             ACTIVE, DISABLED or LOCKED_OUT (DISABLED wins over LOCKED_OUT)
 * @param passwordMustChange the password must be changed at next sign-in ({@code pwdLastSet=0})
 * @param passwordExpired    the password is past its expiry (or must be changed)
 * @param passwordExpiresAt  when the password expires; null for never or unknown
 * @param accountExpired     the account is past {@code accountExpires}
 * @param accountExpiresAt   when the account expires; null for never
 */
public record AccountState(UserStatus status, boolean passwordMustChange, boolean passwordExpired,
                           Instant passwordExpiresAt, boolean accountExpired, Instant accountExpiresAt) {

    public AccountState {
        Objects.requireNonNull(status, "status");
        if (status == UserStatus.DELETED) {
            throw new IllegalArgumentException("a live account cannot be DELETED");
        }
    }
}
