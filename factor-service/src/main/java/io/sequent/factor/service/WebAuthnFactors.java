package io.sequent.factor.service;

import io.quarkus.logging.Log;
import io.sequent.factor.api.FactorRequests;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.domain.VerifyOutcome;
import io.sequent.factor.domain.WebAuthnRelyingParty;
import io.sequent.factor.domain.WebAuthnRelyingParty.CeremonyFailed;
import io.sequent.factor.persistence.FactorEntity;
import io.sequent.factor.service.WebAuthnChallenges.Ceremony;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The WebAuthn factor: registration options at enrollment, the registration check at activation, and
 * the assertion challenge and check at sign-in. Challenges live in Redis ({@link WebAuthnChallenges}),
 * credentials in the factor row; the ceremonies themselves are {@link WebAuthnRelyingParty}'s.
 */
@ApplicationScoped
public class WebAuthnFactors {

    private final WebAuthnRelyingParty rp;
    private final WebAuthnChallenges challenges;
    private final FactorService factorService;

    public WebAuthnFactors(WebAuthnRelyingParty rp, WebAuthnChallenges challenges, FactorService factorService) {
        this.rp = rp;
        this.challenges = challenges;
        this.factorService = factorService;
    }

    /** PublicKeyCredentialCreationOptions for a pending factor; its challenge is remembered for the activation. */
    public Uni<Map<String, Object>> creationOptions(FactorEntity pending, String username) {
        String challenge = rp.newChallenge();
        return activeCredentialIds(pending.userId)
                .call(() -> challenges.remember(Ceremony.REGISTRATION, pending.id, challenge, rp.settings().timeout()))
                .map(exclude -> rp.creationOptions(challenge, pending.userId, username, exclude));
    }

    /**
     * Activation: checks the authenticator's attestation against the registration challenge (taken, so used once)
     * and, when it holds, stores the credential and activates the factor. EXPIRED when no challenge is live.
     */
    public Uni<VerifyOutcome> register(FactorEntity f, FactorRequests.Activate request) {
        byte[] attestation = decoded(request.attestation(), "/attestation");
        byte[] clientData = decoded(request.clientData(), "/clientData");
        return challenges.take(Ceremony.REGISTRATION, f.id).chain(challenge -> {
            if (challenge.isEmpty()) {
                return Uni.createFrom().item(VerifyOutcome.EXPIRED);
            }
            WebAuthnRelyingParty.Credential credential;
            try {
                credential = rp.register(challenge.get(), attestation, clientData);
            } catch (CeremonyFailed e) {
                // the reason stays in the log (the caller sees E0000068); counted towards the lockout like any failure
                Log.warnf("user %s factor %s: WebAuthn registration refused (%s: %s)", f.userId, f.id, e.failure(), e.getMessage());
                return Uni.createFrom().item(VerifyOutcome.INVALID);
            }
            return factorService.activateWebAuthn(f.userId, f.id, credential).replaceWith(VerifyOutcome.SUCCESS);
        });
    }

    /** An authentication challenge for an active factor: PublicKeyCredentialRequestOptions, remembered for one verify. */
    public Uni<Map<String, Object>> challenge(FactorEntity f) {
        String challenge = rp.newChallenge();
        return challenges.remember(Ceremony.AUTHENTICATION, f.id, challenge, rp.settings().timeout())
                .map(v -> rp.requestOptions(challenge, List.of(f.webauthnCredentialId)));
    }

    public long timeoutMillis() {
        return rp.settings().timeout().toMillis();
    }

    /**
     * Checks an assertion against the factor's live challenge (taken, so used once: EXPIRED when there is none),
     * its credential key and signature counter; on success the counter is stored.
     */
    public Uni<VerifyOutcome> verify(FactorEntity f, FactorRequests.Verify request) {
        byte[] clientData = decoded(request.clientData(), "/clientData");
        byte[] authenticatorData = decoded(request.authenticatorData(), "/authenticatorData");
        byte[] signature = decoded(request.signatureData(), "/signatureData");
        if (f.webauthnCredentialId == null || f.webauthnPublicKey == null) {
            throw new IllegalStateException("active WebAuthn factor " + f.id + " holds no credential");
        }
        var stored = new WebAuthnRelyingParty.Credential(f.webauthnCredentialId, f.webauthnPublicKey, f.webauthnAaguid,
                f.webauthnSignCount == null ? 0 : f.webauthnSignCount, f.webauthnFormat,
                Boolean.TRUE.equals(f.webauthnAttestationTrusted));
        return challenges.take(Ceremony.AUTHENTICATION, f.id).chain(challenge -> {
            if (challenge.isEmpty()) {
                return Uni.createFrom().item(VerifyOutcome.EXPIRED);
            }
            long signCount;
            try {
                signCount = rp.authenticate(challenge.get(), stored, clientData, authenticatorData, signature);
            } catch (CeremonyFailed e) {
                if (e.failure() == WebAuthnRelyingParty.Failure.COUNTER_REGRESSION) {
                    Log.warnf("user %s factor %s: WebAuthn signature counter did not grow: possibly a cloned authenticator",
                            f.userId, f.id);
                } else {
                    Log.infof("user %s factor %s: WebAuthn assertion refused (%s)", f.userId, f.id, e.failure());
                }
                return Uni.createFrom().item(VerifyOutcome.INVALID);
            }
            return advance(f.id, signCount).map(advanced -> {
                if (!advanced) {
                    Log.warnf("user %s factor %s: a concurrent assertion stored a higher signature counter", f.userId, f.id);
                }
                return advanced ? VerifyOutcome.SUCCESS : VerifyOutcome.INVALID;
            });
        });
    }

    private Uni<Boolean> advance(UUID factorId, long signCount) {
        return factorService.advanceSignCount(factorId, signCount);
    }

    private Uni<List<byte[]>> activeCredentialIds(UUID userId) {
        return factorService.list(userId, FactorStatus.ACTIVE).map(all -> all.stream()
                .filter(x -> x.factorType == FactorType.WEBAUTHN && x.webauthnCredentialId != null)
                .map(x -> x.webauthnCredentialId).toList());
    }

    private static byte[] decoded(String value, String pointer) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(pointer + " is required for this factor type");
        }
        try {
            return WebAuthnRelyingParty.decode(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(pointer + " must be base64url");
        }
    }
}
