package io.sequent.directory.domain;

import io.sequent.events.EventType;
import io.sequent.events.UserStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * Which single {@code directory.user.*} event a change publishes. The data is always the full snapshot,
 * so the type names the most important part of the change, in this order: deleted, created (new or
 * back from deleted), disabled, enabled, locked, unlocked, password expired, roles changed, updated.
 */
public final class UserChange {

    private UserChange() {
    }

    /** The event for going from {@code before} (null: a new user) to {@code after}; empty when nothing changed. */
    public static Optional<EventType> classify(UserFacts before, UserFacts after) {
        Objects.requireNonNull(after, "after");
        if (before == null) {
            return Optional.of(after.status() == UserStatus.DELETED ? EventType.DIRECTORY_USER_DELETED
                    : EventType.DIRECTORY_USER_CREATED);
        }
        if (before.equals(after)) {
            return Optional.empty();
        }
        UserStatus was = before.status();
        UserStatus is = after.status();
        if (is == UserStatus.DELETED) {
            return Optional.of(EventType.DIRECTORY_USER_DELETED);
        }
        if (was == UserStatus.DELETED) {
            return Optional.of(EventType.DIRECTORY_USER_CREATED);
        }
        if (is == UserStatus.DISABLED && was != UserStatus.DISABLED) {
            return Optional.of(EventType.DIRECTORY_USER_DISABLED);
        }
        if (was == UserStatus.DISABLED && is != UserStatus.DISABLED) {
            return Optional.of(is == UserStatus.LOCKED_OUT ? EventType.DIRECTORY_USER_LOCKED : EventType.DIRECTORY_USER_ENABLED);
        }
        if (is == UserStatus.LOCKED_OUT && was != UserStatus.LOCKED_OUT) {
            return Optional.of(EventType.DIRECTORY_USER_LOCKED);
        }
        if (was == UserStatus.LOCKED_OUT && is != UserStatus.LOCKED_OUT) {
            return Optional.of(EventType.DIRECTORY_USER_UNLOCKED);
        }
        boolean newlyExpired = (after.passwordExpired() && !before.passwordExpired())
                || (after.passwordMustChange() && !before.passwordMustChange());
        if (newlyExpired) {
            return Optional.of(EventType.DIRECTORY_USER_PASSWORD_EXPIRED);
        }
        if (!before.memberships().equals(after.memberships()) || !Objects.equals(before.defaultOrgId(), after.defaultOrgId())) {
            return Optional.of(EventType.DIRECTORY_USER_ROLES_CHANGED);
        }
        return Optional.of(EventType.DIRECTORY_USER_UPDATED);
    }
}
