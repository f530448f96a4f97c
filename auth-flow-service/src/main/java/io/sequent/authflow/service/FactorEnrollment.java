package io.sequent.authflow.service;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.flow.FlowState;
import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.events.EventType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enrollment inside MFA_ENROLL: {@code POST /api/v1/authn/factors} enrolls through factor-service
 * (auth-flow's service token) and {@code .../lifecycle/activate} activates with the code or, for
 * WebAuthn, with the attestation the browser made for the creation options of the enroll answer
 * (factor-service checks it: challenge, origin, rpId, signature, trust policy). A push factor is
 * activated by the device app, which scans the activation QR code of the enroll answer and registers
 * its key with factor-service; the client polls {@code .../lifecycle/activate/poll} meanwhile. The domain
 * decides first whether the step is allowed (MFA_ENROLL only after primary authentication, S9/S11);
 * factor-service is asked only then.
 */
@ApplicationScoped
public class FactorEnrollment {

    /** What the client asked to enroll; {@code profile} as Okta's ({@code phoneNumber}, {@code email}, ...). */
    public record Request(String factorType, String provider, Map<String, Object> profile) {
    }

    private static final String PUSH = "push";

    private final Steps steps;
    private final FactorClient factors;
    private final HeldFactors held;

    public FactorEnrollment(Steps steps, FactorClient factors, HeldFactors held) {
        this.steps = steps;
        this.factors = factors;
        this.held = held;
    }

    public Uni<AuthnOutcome> enroll(String stateToken, Request request) {
        if (request.factorType() == null || request.factorType().isBlank()) {
            throw AuthnException.validation("factorType: The field cannot be left blank");
        }
        String type = request.factorType().strip();
        return steps.load(stateToken).flatMap(loaded -> {
            if (loaded.tx().state() != FlowState.MFA_ENROLL) {
                throw AuthnException.illegalState("enrollment is offered in MFA_ENROLL only");
            }
            // the guard of both Enrolled rows is the same: checked before factor-service is asked
            steps.transition(loaded, new FlowEvent.Enrolled(type, true));
            var body = new FactorClient.EnrollBody(type, request.provider(), request.profile());
            return factors.enroll(loaded.userId(), body)
                    .onFailure(NeighbourRejected.class).transform(FactorEnrollment::rejected)
                    .flatMap(enrolled -> enrolled(stateToken, loaded, enrolled));
        });
    }

    public Uni<AuthnOutcome> activate(String stateToken, String factorId, FactorClient.ActivateBody proof) {
        return steps.load(stateToken).flatMap(loaded -> {
            StoredTransaction.FactorRef factor = beingActivated(loaded, factorId, type -> true,
                    "factor " + factorId + " is not being activated");
            FactorClient.ActivateBody body = activationBody(factor.factorType(), proof);
            var next = loaded.cleared(steps.transition(loaded, new FlowEvent.Activated(factor.factorType())));
            return factors.activate(loaded.userId(), factorId, body)
                    .onFailure(NeighbourRejected.class).recoverWithUni(f -> activationFailed(stateToken, loaded,
                            factor.factorType(), (NeighbourRejected) f))
                    .flatMap(activated -> {
                        if (activated == null) {
                            return Uni.createFrom().failure(AuthnException.invalidPasscode(
                                    "Your passcode doesn't match our records. Please try again."));
                        }
                        steps.audit(EventType.AUTH_SIGNIN_FACTOR_VERIFIED, loaded, factor.factorType(), null, "ACTIVATED");
                        // the user's next sign-in offers the new factor even before its event arrives
                        return held.refresh(loaded.userId()).flatMap(done -> steps.settle(stateToken, loaded, next));
                    });
        });
    }

    /**
     * MFA_ENROLL_ACTIVATE, push: whether the device has registered yet. SUCCESS goes on as an activation does;
     * WAITING and TIMEOUT leave the state as it is, with {@code factorResult} saying which (after TIMEOUT the
     * user goes back and enrolls again).
     */
    public Uni<AuthnOutcome> poll(String stateToken, String factorId) {
        return steps.load(stateToken).flatMap(loaded -> {
            beingActivated(loaded, factorId, PUSH::equals, "no push activation to poll for " + factorId);
            return factors.activationPoll(loaded.userId(), factorId)
                    .onFailure(NeighbourRejected.class).transform(FactorEnrollment::rejected)
                    .flatMap(poll -> {
                        if ("SUCCESS".equals(poll.factorResult())) {
                            var next = loaded.cleared(steps.transition(loaded, new FlowEvent.Activated(PUSH)));
                            steps.audit(EventType.AUTH_SIGNIN_FACTOR_VERIFIED, loaded, PUSH, null, "ACTIVATED");
                            return held.refresh(loaded.userId()).flatMap(done -> steps.settle(stateToken, loaded, next));
                        }
                        String result = "WAITING".equals(poll.factorResult()) ? "WAITING" : "TIMEOUT";
                        var same = loaded.withChallenge(steps.transition(loaded, new FlowEvent.StateRead()), factorId, result,
                                null, null);
                        return steps.settle(stateToken, loaded, same);
                    });
        });
    }

    /**
     * The factor MFA_ENROLL_ACTIVATE is activating, when {@code factorId} is it and its type is one the call is
     * for: E0000007 for a factor the transaction does not know, E0000079 ({@code notNow}) otherwise.
     */
    private static StoredTransaction.FactorRef beingActivated(StoredTransaction loaded, String factorId,
                                                              java.util.function.Predicate<String> typeFits, String notNow) {
        StoredTransaction.FactorRef factor = loaded.factors().get(factorId);
        if (factor == null) {
            throw AuthnException.notFound(factorId);
        }
        if (loaded.tx().state() != FlowState.MFA_ENROLL_ACTIVATE || !factorId.equals(loaded.currentFactorId())
                || !typeFits.test(factor.factorType())) {
            throw AuthnException.illegalState(notNow);
        }
        return factor;
    }

    /** What activates the type: attestation and clientData for webauthn, a passCode for the others (E0000001 when absent). */
    private static FactorClient.ActivateBody activationBody(String factorType, FactorClient.ActivateBody proof) {
        if (PUSH.equals(factorType)) {
            throw AuthnException.illegalState("a push factor is activated by its device: poll .../lifecycle/activate/poll");
        }
        if (FactorVerification.WEBAUTHN.equals(factorType)) {
            if (blank(proof.attestation())) {
                throw AuthnException.validation("attestation: The field cannot be left blank");
            }
            if (blank(proof.clientData())) {
                throw AuthnException.validation("clientData: The field cannot be left blank");
            }
            return new FactorClient.ActivateBody(null, proof.attestation().strip(), proof.clientData().strip());
        }
        if (blank(proof.passCode())) {
            throw AuthnException.validation("passCode: The field cannot be left blank");
        }
        return FactorClient.ActivateBody.passCode(proof.passCode().strip());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** MFA_ENROLL_ACTIVATE, sms/call/email: a new activation code; the state does not change. */
    public Uni<AuthnOutcome> resend(String stateToken, String factorId) {
        return steps.load(stateToken).flatMap(loaded -> {
            beingActivated(loaded, factorId, java.util.Set.of("sms", "call", "email")::contains,
                    "no activation code to resend for " + factorId);
            return factors.resendActivation(loaded.userId(), factorId)
                    .onFailure(NeighbourRejected.class).transform(FactorEnrollment::rejected)
                    .flatMap(sent -> steps.settle(stateToken, loaded, loaded.with(
                            steps.transition(loaded, new FlowEvent.StateRead()))));
        });
    }

    private Uni<AuthnOutcome> enrolled(String token, StoredTransaction loaded, FactorClient.EnrolledFactor enrolled) {
        String type = enrolled.factorType();
        var ref = new StoredTransaction.FactorRef(type, enrolled.provider(), enrolled.profile());
        StoredTransaction known = loaded.withFactor(enrolled.id(), ref);
        if ("ACTIVE".equals(enrolled.status())) {
            // usable at once (question): enrolled and verified in one step
            steps.audit(EventType.AUTH_SIGNIN_FACTOR_VERIFIED, loaded, type, null, "ENROLLED");
            return held.refresh(loaded.userId()).flatMap(done -> steps.settle(token, loaded,
                    known.cleared(steps.transition(loaded, new FlowEvent.Enrolled(type, false)))));
        }
        // a push waits for its device: factorResult WAITING from the start, as Okta's activation answers
        var pending = known.withChallenge(steps.transition(loaded, new FlowEvent.Enrolled(type, true)), enrolled.id(),
                PUSH.equals(type) ? "WAITING" : null, null, null);
        Map<String, Object> activation = activation(type, enrolled.embedded().get("activation"));
        return steps.commit(token, loaded, pending).flatMap(saved -> steps.live(saved, token))
                .map(live -> activation == null ? live : ((AuthnOutcome.Live) live).withActivation(activation));
    }

    /**
     * factor-service's activation in Okta's shape, by type: for TOTP the seed, its encoding and the QR code as a
     * resource link; for webauthn the PublicKeyCredentialCreationOptions (challenge, rp, user, pubKeyCredParams,
     * attestation, authenticatorSelection, excludeCredentials, timeout), as they are; for push the expiry, the
     * activation URI the device app takes and its QR code as a resource link. Null when there is none.
     */
    private static Map<String, Object> activation(String type, Object raw) {
        if (!(raw instanceof Map<?, ?> a)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        switch (type) {
            case PUSH -> {
                if (a.get("activationUri") == null) {
                    return null;
                }
                out.put("expiresAt", a.get("expiresAt"));
                out.put("factorResult", "WAITING");
                out.put("activationUri", a.get("activationUri"));
                qrcode(a, out);
            }
            case FactorVerification.WEBAUTHN -> {
                if (a.get("challenge") == null || a.get("pubKeyCredParams") == null) {
                    return null;
                }
                a.forEach((k, v) -> out.put(String.valueOf(k), v));
            }
            case "token:software:totp" -> {
                if (a.get("sharedSecret") == null) {
                    return null;
                }
                out.put("timeStep", a.get("timeStep") == null ? 30 : a.get("timeStep"));
                out.put("sharedSecret", a.get("sharedSecret"));
                out.put("encoding", a.get("encoding") == null ? "base32" : a.get("encoding"));
                out.put("keyLength", a.get("digits") == null ? 6 : a.get("digits"));
                if (a.get("otpauthUri") != null) {
                    out.put("otpauthUri", a.get("otpauthUri"));
                }
                qrcode(a, out);
            }
            default -> {
                return null;
            }
        }
        return out;
    }

    /** factor-service's QR code (a PNG data URI) as Okta's {@code _links.qrcode}, when there is one. */
    private static void qrcode(Map<?, ?> activation, Map<String, Object> out) {
        if (activation.get("qrcode") != null) {
            out.put("_links", Map.of("qrcode", Map.of("href", activation.get("qrcode"), "type", "image/png")));
        }
    }

    private Uni<FactorClient.EnrolledFactor> activationFailed(String token, StoredTransaction loaded, String type,
                                                             NeighbourRejected rejected) {
        steps.audit(EventType.AUTH_SIGNIN_FACTOR_FAILED, loaded, type, null,
                rejected.errorCode() == null ? "REJECTED_" + rejected.status() : rejected.errorCode());
        if ("E0000069".equals(rejected.errorCode())) {
            var ended = loaded.cleared(steps.transition(loaded, new FlowEvent.LockOut()));
            return steps.commit(token, loaded, ended).map(done -> {
                steps.audit(EventType.AUTH_SIGNIN_REFUSED, loaded, type, "LOCKED_OUT", "FACTOR_LOCKED");
                throw AuthnException.locked();
            });
        }
        if ("E0000082".equals(rejected.errorCode())) {
            return Uni.createFrom().failure(AuthnException.replayed());
        }
        if (rejected.status() == 404) {
            return Uni.createFrom().failure(AuthnException.notFound(type));
        }
        return Uni.createFrom().failure(AuthnException.invalidPasscode(
                "Your passcode doesn't match our records. Please try again."));
    }

    /** factor-service refused the enrollment (bad phone number, unknown type, already active): E0000001 with its reason. */
    private static Throwable rejected(Throwable failure) {
        NeighbourRejected r = (NeighbourRejected) failure;
        if (r.status() == 429) {
            return AuthnException.tooSoon();
        }
        if (r.status() >= 400 && r.status() < 500 && r.status() != 401 && r.status() != 403) {
            String cause = r.detail() == null ? "the factor cannot be enrolled" : r.detail();
            return new AuthnException(400, "E0000001", "Api validation failed: factorEnrollRequest", cause);
        }
        return AuthnException.unavailable();
    }
}
