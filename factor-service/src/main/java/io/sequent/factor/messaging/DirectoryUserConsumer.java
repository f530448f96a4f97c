package io.sequent.factor.messaging;

import io.quarkus.logging.Log;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.UserSnapshot;
import io.sequent.factor.service.UserDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the users table current from {@code sequent.directory.users}: a snapshot applies only when
 * newer than the stored one; a deleted user's factors are deactivated. A database failure is retried,
 * holding the partition, so no change is skipped.
 */
@ApplicationScoped
public class DirectoryUserConsumer {

    private final UserDirectory users;

    public DirectoryUserConsumer(UserDirectory users) {
        this.users = users;
    }

    @Incoming("directory-users")
    public Uni<Void> consume(String value) {
        Optional<UserSnapshot> user = decode(value);
        if (user.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> users.apply(user.get()))
                .onFailure().invoke(e -> Log.warnf("users: cannot apply user %s yet: %s", user.get().userId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(applied -> Log.debugf("user %s v%d %s", user.get().userId(), user.get().version(),
                        applied ? "applied" : "already current"))
                .replaceWithVoid();
    }

    private static Optional<UserSnapshot> decode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return EventCodec.decode(value).map(CloudEvent::data)
                    .filter(UserSnapshot.class::isInstance).map(UserSnapshot.class::cast);
        } catch (EventCodec.MalformedEventException e) {
            Log.warnf("skipping a malformed record on the users topic: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
