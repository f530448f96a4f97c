package io.sequent.factor.client;

import io.sequent.factor.domain.DirectoryBind;
import io.sequent.factor.domain.VerifyOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Checks a directory user's password through directory-sync. Fails closed: a timeout, a 5xx, an
 * open circuit or an unreadable answer is {@link VerifyOutcome#UNAVAILABLE}, never a success.
 */
@ApplicationScoped
public class DirectoryClient {

    private final DirectoryApi api;

    public DirectoryClient(@RestClient DirectoryApi api) {
        this.api = api;
    }

    /** The bind's meaning; fails (timeout, 5xx, open circuit) rather than answer when directory-sync cannot: callers treat a failure as UNAVAILABLE. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<VerifyOutcome> checkPassword(UUID userId, String password) {
        return api.authenticate(new DirectoryApi.AuthenticateRequest(userId.toString(), password))
                .map(response -> DirectoryBind.outcome(response == null ? null : response.outcome()));
    }
}
