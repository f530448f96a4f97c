package io.sequent.directory.domain;

import io.sequent.events.OrgMembership;
import io.sequent.events.UserStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** The parts of a user that an import or an admin can change; two equal facts mean "nothing to write". */
public record UserFacts(String username, String email, String firstName, String lastName, String displayName,
                        UserStatus status, boolean passwordExpired, boolean passwordMustChange,
                        Instant passwordExpiresAt, Instant accountExpiresAt, String defaultOrgId,
                        List<OrgMembership> memberships, List<String> groups) {

    public UserFacts {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(status, "status");
        // stored as timestamptz (microseconds): compare at that precision, or every import would rewrite
        passwordExpiresAt = passwordExpiresAt == null ? null : passwordExpiresAt.truncatedTo(ChronoUnit.MICROS);
        accountExpiresAt = accountExpiresAt == null ? null : accountExpiresAt.truncatedTo(ChronoUnit.MICROS);
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static UserFacts of(ImportedUser user) {
        AccountState a = user.account();
        return new UserFacts(user.username(), user.email(), user.firstName(), user.lastName(), user.displayName(),
                a.status(), a.passwordExpired(), a.passwordMustChange(), a.passwordExpiresAt(), a.accountExpiresAt(),
                user.defaultOrgId(), user.memberships(), user.groups());
    }

    public UserFacts withStatus(UserStatus newStatus) {
        return new UserFacts(username, email, firstName, lastName, displayName, newStatus, passwordExpired,
                passwordMustChange, passwordExpiresAt, accountExpiresAt, defaultOrgId, memberships, groups);
    }
}
