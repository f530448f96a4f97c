package io.sequent.authflow.client;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Objects;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * directory-sync's live status read (S2). A 503 (directory unreachable and its setting says refuse),
 * a timeout or an open circuit is a {@link NeighbourUnavailable}: the caller refuses the sign-in.
 */
@ApplicationScoped
public class DirectoryClient {

    /** {@code status}: ACTIVE, DISABLED, LOCKED_OUT, DELETED; {@code source}: DIRECTORY or LAST_IMPORTED. */
    public record LiveStatus(String userId, String status, boolean passwordExpired, boolean passwordMustChange,
                             boolean accountExpired, String source, Instant checkedAt) {
        public LiveStatus {
            Objects.requireNonNull(status, "status");
        }
    }

    private static final String NAME = "directory-sync";

    private final DirectoryApi api;
    private final ServiceTokens tokens;

    public DirectoryClient(@RestClient DirectoryApi api, ServiceTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @AsynchronousNonBlocking
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = NeighbourRejected.class)
    public Uni<LiveStatus> liveStatus(String userId) {
        return tokens.bearer().flatMap(b -> api.liveStatus(b, userId))
                .onFailure().transform(f -> Failures.classify(NAME, f));
    }
}
