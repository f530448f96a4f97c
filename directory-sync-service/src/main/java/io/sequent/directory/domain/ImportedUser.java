package io.sequent.directory.domain;

import io.sequent.events.OrgMembership;
import java.util.List;
import java.util.Objects;

/** A directory entry mapped to what Sequent stores about the user. */
public record ImportedUser(String externalId, String dn, String username, String email, String firstName,
                           String lastName, String displayName, AccountState account, String defaultOrgId,
                           List<OrgMembership> memberships, List<String> groups) {

    public ImportedUser {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(account, "account");
        memberships = memberships == null ? List.of() : List.copyOf(memberships);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
