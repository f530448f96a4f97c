package io.sequent.authflow.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * factor-service as sign-in needs it. Fails closed: a timeout, a 5xx or an open circuit is a
 * {@link NeighbourUnavailable} (the API answers 503), a 4xx a {@link NeighbourRejected}; never a success.
 */
@ApplicationScoped
public class FactorClient {

    public record Factor(String id, String factorType, String provider, String status, Map<String, Object> profile) {
        public Factor {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(factorType, "factorType");
            profile = profile == null ? Map.of() : profile;
        }
    }

    /**
     * A user's ACTIVE factors and the version of that set as factor-service numbers it ({@code factor.*} events carry
     * the same number); {@code version} null when factor-service did not say.
     */
    public record FactorSet(List<Factor> factors, Long version) {
        /** The header factor-service answers the version in. */
        public static final String VERSION_HEADER = "Sequent-Factors-Version";

        public FactorSet {
            factors = List.copyOf(factors);
        }

        public static FactorSet unversioned(List<Factor> factors) {
            return new FactorSet(factors, null);
        }
    }

    /**
     * A challenge as factor-service answers it; for webauthn also the WebAuthn {@code challenge}
     * (base64url), {@code allowCredentials} and {@code userVerification}.
     */
    public record Challenge(String factorId, String factorType, String status, Instant expiresAt, String destination,
                            String question, String questionText, Instant lockedUntil, String challengeId,
                            Integer correctAnswer, String challenge, List<Map<String, Object>> allowCredentials,
                            String userVerification) {

        public Challenge(String factorId, String factorType, String status, Instant expiresAt, String destination,
                         String question, String questionText, Instant lockedUntil, String challengeId,
                         Integer correctAnswer) {
            this(factorId, factorType, status, expiresAt, destination, question, questionText, lockedUntil, challengeId,
                    correctAnswer, null, null, null);
        }
    }

    /** WebAuthn assertions carry {@code clientData}, {@code authenticatorData}, {@code signatureData} (base64url). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifyBody(String passCode, String answer, String password, String challengeId, String clientData,
                             String authenticatorData, String signatureData, String transactionId) {

        public VerifyBody(String passCode, String answer, String password, String challengeId) {
            this(passCode, answer, password, challengeId, null, null, null, null);
        }

        public VerifyBody(String passCode, String answer, String password, String challengeId, String clientData,
                          String authenticatorData, String signatureData) {
            this(passCode, answer, password, challengeId, clientData, authenticatorData, signatureData, null);
        }

        /** The same verification, within this sign-in transaction: factor-service counts its failures too (S13). */
        public VerifyBody inTransaction(String id) {
            return new VerifyBody(passCode, answer, password, challengeId, clientData, authenticatorData, signatureData, id);
        }
    }

    /** Okta's enroll body as factor-service takes it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnrollBody(String factorType, String provider, Map<String, Object> profile) {
    }

    /** A passcode, or a WebAuthn registration (attestation and clientData, base64url); absent fields are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActivateBody(String passCode, String attestation, String clientData) {

        public static ActivateBody passCode(String passCode) {
            return new ActivateBody(passCode, null, null);
        }
    }

    /**
     * A factor as factor-service's Factors API answers it; {@code status} ACTIVE or PENDING_ACTIVATION,
     * {@code _embedded.activation} for TOTP (seed, otpauth URI, QR code), shown once.
     */
    public record EnrolledFactor(String id, String factorType, String provider, String status,
                                 Map<String, Object> profile,
                                 @com.fasterxml.jackson.annotation.JsonProperty("_embedded") Map<String, Object> embedded) {
        public EnrolledFactor {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(factorType, "factorType");
            profile = profile == null ? Map.of() : profile;
            embedded = embedded == null ? Map.of() : embedded;
        }
    }

    /**
     * Where a pending push factor's activation by its device stands: {@code factorResult} SUCCESS (the device
     * registered its key, the factor is ACTIVE), WAITING (until {@code expiresAt}) or TIMEOUT.
     */
    public record ActivationPoll(String factorResult, String expiresAt) {
        public ActivationPoll {
            Objects.requireNonNull(factorResult, "factorResult");
        }
    }

    public record PasswordChangeBody(String oldPassword, String newPassword) {
    }

    /** {@code outcome}: CHANGED, INVALID_OLD, POLICY, NOT_SUPPORTED or LOCKED; {@code message} says why. */
    public record PasswordChange(String outcome, String message) {
        public PasswordChange {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** {@code outcome}: SUCCESS, INVALID, REPLAYED, WAITING, REJECTED, TIMEOUT, EXPIRED, LOCKED, PASSWORD_EXPIRED, ... */
    public record Verification(String factorId, String factorType, String outcome, Instant lockedUntil) {
        public Verification {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    private static final String NAME = "factor-service";

    private final FactorApi api;
    private final FactorAdminApi factorsApi;
    private final ServiceTokens tokens;

    public FactorClient(@RestClient FactorApi api, @RestClient FactorAdminApi factorsApi, ServiceTokens tokens) {
        this.api = api;
        this.factorsApi = factorsApi;
        this.tokens = tokens;
    }

    /** The user's ACTIVE factors, with the set's version; a user factor-service does not know has none (unversioned). */
    @AsynchronousNonBlocking
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<FactorSet> activeFactors(String userId) {
        return tokens.bearer().flatMap(b -> api.list(b, userId, "ACTIVE"))
                .map(response -> new FactorSet(response.getEntity(),
                        version(response.getHeaderString(FactorSet.VERSION_HEADER))))
                .onFailure().transform(f -> Failures.classify(NAME, f))
                .onFailure(NeighbourRejected.class).recoverWithUni(f -> ((NeighbourRejected) f).status() == 404
                        ? Uni.createFrom().item(FactorSet.unversioned(List.of())) : Uni.createFrom().failure(f));
    }

    /** The version factor-service sent; null when absent or not a number (then the answer is not remembered). */
    private static Long version(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<Challenge> challenge(String userId, String factorId) {
        return tokens.bearer().flatMap(b -> api.challenge(b, userId, factorId))
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }

    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<Verification> verify(String userId, String factorId, VerifyBody body) {
        return tokens.bearer().flatMap(b -> api.verify(b, userId, factorId, body))
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }

    /** Enrolls a factor for the user (inside MFA_ENROLL); a 4xx is a {@link NeighbourRejected} with factor-service's detail. */
    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<EnrolledFactor> enroll(String userId, EnrollBody body) {
        return tokens.bearer().flatMap(b -> factorsApi.enroll(b, userId, body))
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }

    /**
     * Activates a pending factor with its code or, for webauthn, its attestation; a wrong code or a refused
     * attestation is a 403 {@link NeighbourRejected} with Okta's errorCode.
     */
    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<EnrolledFactor> activate(String userId, String factorId, ActivateBody body) {
        return tokens.bearer().flatMap(b -> factorsApi.activate(b, userId, factorId, body))
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }

    /** Whether the device has activated a pending push factor yet (MFA_ENROLL_ACTIVATE's poll). */
    @AsynchronousNonBlocking
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<ActivationPoll> activationPoll(String userId, String factorId) {
        return tokens.bearer().flatMap(b -> factorsApi.activationPoll(b, userId, factorId))
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }

    /**
     * S1: the Argon2id work of a password check, for a sign-in whose username is unknown or refused,
     * so its answer takes as long as a real one. The outcome is always a failure; errors are ignored.
     */
    @AsynchronousNonBlocking
    @Timeout(5000)
    public Uni<Void> decoyPassword(String password) {
        return tokens.bearer().flatMap(b -> api.decoyPassword(b, java.util.UUID.randomUUID().toString(),
                        new DecoyPasswordBody(password)))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /** Changes the user's password (local: Argon2id; directory: through the directory); always an outcome. */
    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<PasswordChange> changePassword(String userId, String oldPassword, String newPassword) {
        return tokens.bearer().flatMap(b -> api.changePassword(b, userId, new PasswordChangeBody(oldPassword, newPassword)))
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }

    /** Sends a pending sms, call or email factor's activation code again; 429 within factor-service's cooldown. */
    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<Void> resendActivation(String userId, String factorId) {
        return tokens.bearer().flatMap(b -> factorsApi.resend(b, userId, factorId)).replaceWithVoid()
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }

    public record DecoyPasswordBody(String password) {
    }
}
