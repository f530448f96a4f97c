package io.sequent.authflow.service;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.policy.FactorTypes;
import io.sequent.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * PASSWORD_EXPIRED and PASSWORD_WARN: {@code /credentials/change_password} (through factor-service,
 * which changes a local password or the directory's). Skipping PASSWORD_WARN is {@link SkipStep}'s.
 */
@ApplicationScoped
public class PasswordChange {

    private final Steps steps;
    private final FactorClient factors;

    public PasswordChange(Steps steps, FactorClient factors) {
        this.steps = steps;
        this.factors = factors;
    }

    public Uni<AuthnOutcome> change(String stateToken, String oldPassword, String newPassword) {
        if (oldPassword == null || oldPassword.isEmpty()) {
            throw AuthnException.validation("oldPassword: The field cannot be left blank");
        }
        if (newPassword == null || newPassword.isEmpty()) {
            throw AuthnException.validation("newPassword: The field cannot be left blank");
        }
        if (oldPassword.length() > 256 || newPassword.length() > 256) {
            throw AuthnException.validation("newPassword: The field is too long");
        }
        return steps.load(stateToken).flatMap(loaded -> {
            // allowed only in PASSWORD_EXPIRED / PASSWORD_WARN: checked before factor-service is asked
            var next = loaded.cleared(steps.transition(loaded, new FlowEvent.PasswordChanged()));
            return factors.changePassword(loaded.userId(), oldPassword, newPassword)
                    .onFailure(NeighbourRejected.class).transform(f -> credentialsFailed(
                            ((NeighbourRejected) f).detail() == null ? "The password cannot be changed."
                                    : ((NeighbourRejected) f).detail()))
                    .flatMap(result -> switch (result.outcome()) {
                        case "CHANGED" -> {
                            steps.audit(EventType.AUTH_SIGNIN_FACTOR_VERIFIED, loaded, FactorTypes.PASSWORD, null,
                                    "PASSWORD_CHANGED");
                            yield steps.settle(stateToken, loaded, next);
                        }
                        case "INVALID_OLD", "POLICY", "NOT_SUPPORTED" -> {
                            steps.audit(EventType.AUTH_SIGNIN_FACTOR_FAILED, loaded, FactorTypes.PASSWORD, null,
                                    "PASSWORD_CHANGE_" + result.outcome());
                            yield Uni.createFrom().failure(credentialsFailed(message(result)));
                        }
                        case "LOCKED" -> {
                            var ended = loaded.cleared(steps.transition(loaded, new FlowEvent.LockOut()));
                            yield steps.commit(stateToken, loaded, ended).map(done -> {
                                steps.audit(EventType.AUTH_SIGNIN_REFUSED, loaded, FactorTypes.PASSWORD, "LOCKED_OUT",
                                        "PASSWORD_CHANGE_LOCKED");
                                return (AuthnOutcome) new AuthnOutcome.LockedOut(loaded.tx().relayState());
                            });
                        }
                        default -> Uni.createFrom().failure(AuthnException.unavailable());
                    });
        });
    }

    private static String message(FactorClient.PasswordChange result) {
        if (result.message() != null && !result.message().isBlank()) {
            return result.message();
        }
        return switch (result.outcome()) {
            case "INVALID_OLD" -> "Old Password is not correct";
            case "POLICY" -> "Password requirements were not met.";
            default -> "This password cannot be changed here.";
        };
    }

    static AuthnException credentialsFailed(String cause) {
        return new AuthnException(403, "E0000014", "Update of credentials failed", cause);
    }
}
