package io.sequent.factor.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.events.EventType;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.persistence.FactorRepository;
import io.sequent.factor.persistence.FactorUserEntity;
import io.sequent.factor.persistence.FactorUserRepository;
import io.sequent.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;

/** The users factor-service knows, kept from the users topic; a deleted user's factors are deactivated. */
@ApplicationScoped
public class UserDirectory {

    private final FactorUserRepository users;
    private final FactorRepository factors;
    private final Outbox outbox;
    private final Clock clock;

    public UserDirectory(FactorUserRepository users, FactorRepository factors, Outbox outbox, Clock clock) {
        this.users = users;
        this.factors = factors;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Applies a snapshot newer than the stored one; answers whether it was applied. */
    @WithTransaction
    public Uni<Boolean> apply(UserSnapshot user) {
        return users.applyIfNewer(user).call(applied -> applied && user.status() == UserStatus.DELETED
                ? deactivateAll(UUID.fromString(user.userId())) : Uni.createFrom().voidItem());
    }

    private Uni<Void> deactivateAll(UUID userId) {
        return factors.live(userId).chain(live -> Multi.createFrom().iterable(live).onItem().transformToUniAndConcatenate(f -> {
            f.status = FactorStatus.INACTIVE;
            f.secret = null;
            f.secretKeyId = null;
            f.verifier = null;
            f.version++;
            f.updatedAt = clock.instant();
            return outbox.publish(FactorEvents.of(EventType.FACTOR_RESET, f, "user deleted", null, clock.instant()));
        }).collect().asList()).invoke(list -> Log.infof("user %s deleted: %d factors deactivated", userId, list.size()))
                .replaceWithVoid();
    }

    /** The user, if known and not deleted; else 404. */
    @WithSession
    public Uni<FactorUserEntity> require(UUID userId) {
        return users.findById(userId).map(user -> known(userId, user));
    }

    /** {@code user} (null: unknown) if it is known and not deleted; else 404, as {@link #require} answers. */
    public static FactorUserEntity known(UUID userId, FactorUserEntity user) {
        if (user == null || user.status == UserStatus.DELETED) {
            throw ProblemException.notFound("user " + userId);
        }
        return user;
    }
}
