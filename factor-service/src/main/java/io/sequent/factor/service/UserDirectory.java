package io.sequent.factor.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.events.EventType;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.persistence.FactorEntity;
import io.sequent.factor.persistence.FactorRepository;
import io.sequent.factor.persistence.FactorUserEntity;
import io.sequent.factor.persistence.FactorUserRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** The users factor-service knows, kept from the users topic; a deleted user's factors are deactivated. */
@ApplicationScoped
public class UserDirectory {

    private final FactorUserRepository users;
    private final FactorRepository factors;
    private final FactorEvents events;
    private final Clock clock;

    UserDirectory(FactorUserRepository users, FactorRepository factors, FactorEvents events, Clock clock) {
        this.users = users;
        this.factors = factors;
        this.events = events;
        this.clock = clock;
    }

    /** Applies a snapshot newer than the stored one; answers whether it was applied. */
    @WithTransaction
    public Uni<Boolean> apply(UserSnapshot user) {
        if (user.status() != UserStatus.DELETED) {
            return users.applyIfNewer(user);
        }
        UUID userId = UUID.fromString(user.userId());
        // The factor rows are locked before the user's row: a factor change locks its factor, then the user's row (to
        // take a factor-set version). Taking them the other way round here could deadlock with a reset at the same time.
        return factors.liveForUpdate(userId).chain(live -> users.applyIfNewer(user)
                .call(applied -> applied ? deactivateAll(userId, live) : Uni.createFrom().voidItem()));
    }

    /** Each factor gets its own reset event and version; the last one carries the empty set. */
    private Uni<Void> deactivateAll(UUID userId, List<FactorEntity> live) {
        return Multi.createFrom().iterable(live).onItem().transformToUniAndConcatenate(f -> {
            f.retire(clock.instant());
            return events.publish(EventType.FACTOR_RESET, f, "user deleted", f.updatedAt);
        }).collect().asList().replaceWithVoid()
                // live's size: the publications emit no item, so the collected list is always empty
                .invoke(() -> Log.infof("user %s deleted: %d factors deactivated", userId, live.size()));
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
