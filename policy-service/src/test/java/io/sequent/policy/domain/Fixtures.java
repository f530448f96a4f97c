package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import java.util.List;
import java.util.Set;

final class Fixtures {

    static final Set<String> ACTIVE = Set.of("password", "sms", "push", "question", "email", "token:software:totp", "webauthn");

    private Fixtures() {
    }

    static RuleActions sequence(List<List<String>> chains) {
        return new RuleActions(Access.ALLOW, PrimaryAuth.FACTOR_SEQUENCE, chains, false, List.of(), 3600);
    }

    static RuleActions password() {
        return new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, List.of(), true, List.of("push"), 3600);
    }
}
