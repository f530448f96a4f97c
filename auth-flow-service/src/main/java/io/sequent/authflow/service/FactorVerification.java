package io.sequent.authflow.service;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.flow.FlowState;
import io.sequent.authflow.domain.policy.FactorTypes;
import io.sequent.authflow.domain.policy.RefusalReason;
import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Set;

/**
 * {@code POST /api/v1/authn/factors/{factorId}/verify}, {@code /cancel} and {@code /previous}. A code,
 * answer or password is checked by factor-service; without one, sms/call/email are challenged and a
 * push is sent, then polled. A decoy (S1) goes through the same states but never verifies.
 */
@ApplicationScoped
public class FactorVerification {

    /** What the client sent to verify; all null: challenge, or poll a push. WebAuthn: the three assertion fields. */
    public record Input(String passCode, String answer, String password, String clientData, String authenticatorData,
                        String signatureData) {

        public Input(String passCode, String answer, String password) {
            this(passCode, answer, password, null, null, null);
        }

        boolean empty() {
            return blank(passCode) && blank(answer) && blank(password) && blank(clientData) && blank(authenticatorData)
                    && blank(signatureData);
        }

        private static boolean blank(String s) {
            return s == null || s.isEmpty();
        }
    }

    private static final Set<String> SENT_CODES = Set.of("sms", "call", "email");
    /** Okta's path may name the type instead of a factor id: "any enrolled WebAuthn factor" (contract §2). */
    static final String WEBAUTHN = "webauthn";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Steps steps;
    private final FactorClient factors;

    public FactorVerification(Steps steps, FactorClient factors) {
        this.steps = steps;
        this.factors = factors;
    }

    public Uni<AuthnOutcome> verify(String stateToken, String factorIdOrType, Input input) {
        return steps.load(stateToken).flatMap(found -> {
            StoredTransaction loaded = found;
            String factorId = WEBAUTHN.equals(factorIdOrType) ? anyWebAuthn(loaded) : factorIdOrType;
            StoredTransaction.FactorRef factor = factorId == null ? null : loaded.factors().get(factorId);
            if (factor == null) {
                throw AuthnException.notFound(factorIdOrType);
            }
            String type = factor.factorType();
            boolean offered = loaded.tx().state() == FlowState.MFA_CHALLENGE
                    ? factorId.equals(loaded.currentFactorId())
                    : loaded.tx().offers().contains(type);
            if (!offered) {
                throw AuthnException.illegalState("factor " + type + " is not offered in " + loaded.tx().state());
            }
            if ("push".equals(type)) {
                boolean polling = loaded.tx().state() == FlowState.MFA_CHALLENGE && loaded.challengeId() != null;
                return polling ? check(stateToken, loaded, factorId, type, new FactorClient.VerifyBody(null, null, null,
                        loaded.challengeId())) : challenge(stateToken, loaded, factorId, type);
            }
            if (WEBAUTHN.equals(type)) {
                if (input.empty()) {
                    return challenge(stateToken, loaded, factorId, type);
                }
                if (blankField(input.clientData()) || blankField(input.authenticatorData()) || blankField(input.signatureData())) {
                    throw AuthnException.validation("clientData, authenticatorData and signatureData are required");
                }
                return check(stateToken, loaded, factorId, type, new FactorClient.VerifyBody(null, null, null, null,
                        input.clientData(), input.authenticatorData(), input.signatureData()));
            }
            if (input.empty()) {
                if (SENT_CODES.contains(type)) {
                    return challenge(stateToken, loaded, factorId, type);
                }
                String field = "question".equals(type) ? "answer" : FactorTypes.PASSWORD.equals(type) ? "password" : "passCode";
                throw AuthnException.validation(field + ": The field cannot be left blank");
            }
            return check(stateToken, loaded, factorId, type,
                    new FactorClient.VerifyBody(input.passCode(), input.answer(), input.password(), null));
        });
    }

    public Uni<AuthnOutcome> cancel(String stateToken) {
        return steps.load(stateToken).flatMap(loaded -> {
            var ended = loaded.cleared(steps.transition(loaded, new FlowEvent.Cancel()));
            return steps.commit(stateToken, loaded, ended).map(done -> {
                steps.audit(EventType.AUTH_SIGNIN_REFUSED, loaded, null, "CANCELLED", "CANCELLED_BY_CLIENT");
                return (AuthnOutcome) new AuthnOutcome.Cancelled(loaded.tx().relayState());
            });
        });
    }

    public Uni<AuthnOutcome> previous(String stateToken) {
        return steps.load(stateToken).flatMap(loaded ->
                steps.settle(stateToken, loaded, loaded.cleared(steps.transition(loaded, new FlowEvent.Previous()))));
    }

    private static boolean blankField(String s) {
        return s == null || s.isBlank();
    }

    /** The first WebAuthn factor the transaction may act on now (the challenged one in MFA_CHALLENGE). */
    private static String anyWebAuthn(StoredTransaction loaded) {
        if (loaded.currentFactorId() != null) {
            var current = loaded.factors().get(loaded.currentFactorId());
            if (current != null && WEBAUTHN.equals(current.factorType())) {
                return loaded.currentFactorId();
            }
        }
        return loaded.factors().entrySet().stream().filter(e -> WEBAUTHN.equals(e.getValue().factorType()))
                .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    }

    private Uni<AuthnOutcome> challenge(String token, StoredTransaction loaded, String factorId, String type) {
        // the domain decides first whether a challenge is allowed now; factor-service is asked only then
        var next = steps.transition(loaded, new FlowEvent.FactorChallenged(type));
        Uni<FactorClient.Challenge> sent = loaded.decoy()
                ? Uni.createFrom().item(new FactorClient.Challenge(factorId, type, "push".equals(type) ? "WAITING" : "SENT",
                        null, null, null, null, null, "decoy", "push".equals(type) ? 10 + RANDOM.nextInt(90) : null,
                        decoyChallenge(), java.util.List.of(), "preferred"))
                : factors.challenge(loaded.userId(), factorId).onFailure(NeighbourRejected.class).transform(f ->
                        switch (((NeighbourRejected) f).status()) {
                            case 429 -> AuthnException.tooSoon();
                            // reset since the transaction began (or since the factor set it was offered from)
                            case 404 -> AuthnException.notFound(factorId);
                            default -> AuthnException.unavailable();
                        });
        return sent.flatMap(challenge -> {
            if ("LOCKED".equals(challenge.status())) {
                return lockOut(token, loaded, type);
            }
            if (WEBAUTHN.equals(type)) {
                java.util.Map<String, Object> webauthn = new java.util.LinkedHashMap<>();
                webauthn.put("challenge", challenge.challenge());
                webauthn.put("userVerification", challenge.userVerification() == null ? "preferred" : challenge.userVerification());
                if (challenge.allowCredentials() != null) {
                    webauthn.put("allowCredentials", challenge.allowCredentials());
                }
                return steps.settle(token, loaded, loaded.withWebAuthnChallenge(next, factorId, webauthn));
            }
            boolean push = "push".equals(type);
            var stored = loaded.withChallenge(next, factorId, push ? "WAITING" : null,
                    push ? challenge.challengeId() : null, push ? challenge.correctAnswer() : null);
            return steps.settle(token, loaded, stored);
        });
    }

    private Uni<AuthnOutcome> check(String token, StoredTransaction loaded, String factorId, String type,
                                    FactorClient.VerifyBody body) {
        Uni<FactorClient.Verification> checked = loaded.decoy()
                ? Uni.createFrom().item(new FactorClient.Verification(factorId, type, decoyOutcome(loaded, factorId, type), null))
                : factors.verify(loaded.userId(), factorId, body.inTransaction(loaded.tx().id())).onFailure(NeighbourRejected.class)
                        .transform(f -> AuthnException.invalidPasscode("Your passcode doesn't match our records. Please try again."));
        return checked.flatMap(result -> switch (result.outcome()) {
            case "SUCCESS", "PASSWORD_EXPIRED", "MUST_CHANGE_PASSWORD" -> {
                boolean expired = FactorTypes.PASSWORD.equals(type) && !"SUCCESS".equals(result.outcome());
                steps.audit(EventType.AUTH_SIGNIN_FACTOR_VERIFIED, loaded, type, null, null);
                yield steps.settle(token, loaded,
                        loaded.cleared(steps.transition(loaded, new FlowEvent.FactorVerified(type, expired))));
            }
            case "WAITING" -> steps.settle(token, loaded, loaded.withChallenge(
                    steps.transition(loaded, new FlowEvent.FactorChallenged(type)), factorId, "WAITING",
                    loaded.challengeId(), loaded.correctAnswer()));
            case "REJECTED", "TIMEOUT" -> {
                steps.audit(EventType.AUTH_SIGNIN_FACTOR_FAILED, loaded, type, null, result.outcome());
                yield steps.settle(token, loaded, loaded.withChallenge(
                        steps.transition(loaded, new FlowEvent.FactorFailed(type)), factorId, result.outcome(), null, null));
            }
            case "LOCKED" -> {
                steps.audit(EventType.AUTH_SIGNIN_FACTOR_FAILED, loaded, type, null, "LOCKED");
                yield lockOut(token, loaded, type);
            }
            case "DISABLED" -> {
                var ended = loaded.cleared(steps.transition(loaded, new FlowEvent.Refuse(RefusalReason.DIRECTORY_DISABLED)));
                yield steps.commit(token, loaded, ended).map(done -> {
                    steps.audit(EventType.AUTH_SIGNIN_REFUSED, loaded, type, "CANCELLED", RefusalReason.DIRECTORY_DISABLED.name());
                    throw AuthnException.authenticationFailed();
                });
            }
            case "UNAVAILABLE" -> Uni.createFrom().failure(AuthnException.unavailable());
            default -> failed(token, loaded, type, result.outcome());
        });
    }

    /** INVALID, REPLAYED, EXPIRED: the state does not change (E0000068 / E0000082); the failure is counted by factor-service. */
    private Uni<AuthnOutcome> failed(String token, StoredTransaction loaded, String type, String outcome) {
        steps.audit(EventType.AUTH_SIGNIN_FACTOR_FAILED, loaded, type, null, outcome);
        var next = loaded.with(steps.transition(loaded, new FlowEvent.FactorFailed(type)));
        return steps.commit(token, loaded, next).map(saved -> {
            if ("REPLAYED".equals(outcome)) {
                throw AuthnException.replayed();
            }
            throw AuthnException.invalidPasscode(switch (type) {
                case "password" -> "Password is incorrect";
                case "question" -> "Your answer doesn't match our records. Please try again.";
                default -> "EXPIRED".equals(outcome) ? "The passcode has expired. Request a new one."
                        : "Your passcode doesn't match our records. Please try again.";
            });
        });
    }

    private Uni<AuthnOutcome> lockOut(String token, StoredTransaction loaded, String type) {
        var ended = loaded.cleared(steps.transition(loaded, new FlowEvent.LockOut()));
        return steps.commit(token, loaded, ended).map(done -> {
            steps.audit(EventType.AUTH_SIGNIN_REFUSED, loaded, type, "LOCKED_OUT", "FACTOR_LOCKED");
            throw AuthnException.locked();
        });
    }

    /**
     * What factor-service answers a real factor of the type that is not the user's: a push waits, a
     * code for sms, call or email that was never sent (no challenge in this transaction) has expired,
     * anything else is wrong (S1: the answer a real user's wrong code gets).
     */
    private static String decoyOutcome(StoredTransaction loaded, String factorId, String type) {
        if ("push".equals(type)) {
            return "WAITING";
        }
        boolean sent = loaded.tx().state() == FlowState.MFA_CHALLENGE && factorId.equals(loaded.currentFactorId());
        return SENT_CODES.contains(type) && !sent ? "EXPIRED" : "INVALID";
    }

    private static String decoyChallenge() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
