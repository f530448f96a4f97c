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

    public record Challenge(String factorId, String factorType, String status, Instant expiresAt, String destination,
                            String question, String questionText, Instant lockedUntil, String challengeId,
                            Integer correctAnswer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerifyBody(String passCode, String answer, String password, String challengeId) {
    }

    /** {@code outcome}: SUCCESS, INVALID, REPLAYED, WAITING, REJECTED, TIMEOUT, EXPIRED, LOCKED, PASSWORD_EXPIRED, ... */
    public record Verification(String factorId, String factorType, String outcome, Instant lockedUntil) {
        public Verification {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    private static final String NAME = "factor-service";

    private final FactorApi api;
    private final ServiceTokens tokens;

    public FactorClient(@RestClient FactorApi api, ServiceTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    /** The user's ACTIVE factors; a user factor-service does not know has none. */
    @AsynchronousNonBlocking
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<List<Factor>> activeFactors(String userId) {
        return tokens.bearer().flatMap(b -> api.list(b, userId, "ACTIVE"))
                .onFailure().transform(f -> Failures.classify(NAME, f))
                .onFailure(NeighbourRejected.class).recoverWithUni(f -> ((NeighbourRejected) f).status() == 404
                        ? Uni.createFrom().item(List.<Factor>of()) : Uni.createFrom().failure(f));
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
}
