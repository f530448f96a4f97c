package io.sequent.events;

import java.util.List;
import java.util.Objects;

/** A user's membership of one organisation, with the roles they hold there. */
public record OrgMembership(String orgId, List<String> roles) {
    public OrgMembership {
        Objects.requireNonNull(orgId, "orgId");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
