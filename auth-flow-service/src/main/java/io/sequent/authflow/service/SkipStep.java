package io.sequent.authflow.service;

import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.flow.FlowState;
import io.sequent.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code POST /api/v1/authn/skip}: PASSWORD_WARN (the password may be changed later), and MFA_ENROLL
 * once only OPTIONAL factor types are left (S9, S11). The state machine decides whether the step may
 * be skipped (E0000079 otherwise); the skip is audited, then the sign-in goes on as after any step
 * (usually the S2 status read and SUCCESS).
 */
@ApplicationScoped
public class SkipStep {

    private final Steps steps;

    public SkipStep(Steps steps) {
        this.steps = steps;
    }

    public Uni<AuthnOutcome> skip(String stateToken) {
        return steps.load(stateToken).flatMap(loaded -> {
            var next = loaded.cleared(steps.transition(loaded, new FlowEvent.Skip()));
            FlowState skipped = loaded.tx().state();
            String reason = skipped == FlowState.MFA_ENROLL ? "OPTIONAL_ENROLLMENT_SKIPPED" : "PASSWORD_CHANGE_SKIPPED";
            steps.audit(EventType.AUTH_SIGNIN_SKIPPED, loaded, null, skipped.name(), reason);
            return steps.settle(stateToken, loaded, next);
        });
    }
}
