package io.sequent.authflow.messaging;

import io.quarkus.logging.Log;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.authflow.service.SessionGrants;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the user read model current from {@code sequent.directory.users}. A record that is not a
 * user event is logged and skipped; a Redis failure is retried, holding the partition, so no change
 * is ever skipped.
 */
@ApplicationScoped
public class DirectoryUserConsumer {

    private final UserReadModel users;
    private final ReadModelProgress progress;
    private final SessionGrants sessions;

    public DirectoryUserConsumer(UserReadModel users, ReadModelProgress progress, SessionGrants sessions) {
        this.users = users;
        this.progress = progress;
        this.sessions = sessions;
    }

    @Incoming("directory-users")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return apply(record)
                .invoke(() -> progress.processed(record.topic(), record.partition(), record.offset()));
    }

    private Uni<Void> apply(ConsumerRecord<String, String> record) {
        Optional<UserSnapshot> user = Records.data(record, UserSnapshot.class);
        if (user.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return users.applyChecked(user.get())
                .onFailure().invoke(e -> Log.warnf("user read model: cannot apply user %s yet: %s",
                        user.get().userId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(applied -> Log.debugf("user %s v%d %s", user.get().userId(), user.get().version(), applied))
                .flatMap(applied -> applied == UserReadModel.Applied.APPLIED_ENDS_SIGN_INS ? endIfGone(user.get())
                        : Uni.createFrom().voidItem());
    }

    /**
     * S2: a user now DISABLED or DELETED loses their open sign-ins (the next call with their state
     * token answers E0000011) and their sessions (each publishes auth.session.revoked). Retried like
     * the read model, holding the partition, so it is never skipped.
     */
    private Uni<Void> endIfGone(UserSnapshot user) {
        String reason = user.status() == UserStatus.DISABLED ? "USER_DISABLED" : "USER_DELETED";
        return sessions.endEverythingOf(user.userId(), reason)
                .onFailure().invoke(e -> Log.warnf("cannot end the sign-ins of user %s yet: %s", user.userId(),
                        e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(() -> Log.infof("user %s %s: open sign-ins cancelled, sessions revoked", user.userId(), reason));
    }
}
