package io.sequent.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The full state of one user after a change; the data of every {@code directory.user.*} event.
 * {@code version} grows with every change of the user, so consumers keep the highest they saw.
 *
 * @param directoryId  the directory the user was imported from; null for LOCAL users
 * @param externalId   the directory's stable id (objectGUID or entryUUID); null for LOCAL users
 * @param defaultOrgId the org used when a sign-in names none; null when the user has no membership
 */
public record UserSnapshot(
        String userId,
        long version,
        UserSource source,
        String directoryId,
        String externalId,
        String username,
        String email,
        String firstName,
        String lastName,
        String displayName,
        UserStatus status,
        boolean passwordExpired,
        boolean passwordMustChange,
        Instant passwordExpiresAt,
        Instant accountExpiresAt,
        String defaultOrgId,
        List<OrgMembership> memberships,
        List<String> groups,
        Instant updatedAt) {

    public UserSnapshot {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(status, "status");
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
