package io.sequent.directory.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.directory.api.CreateUserRequest;
import io.sequent.directory.api.ProblemException;
import io.sequent.directory.persistence.UserEntity;
import io.sequent.directory.persistence.UserRepository;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Changes to users; each one bumps the user's version and publishes its event through the outbox. */
@ApplicationScoped
public class UserService {

    static final String SOURCE = "/sequent/directory-sync";

    private final UserRepository users;
    private final Outbox outbox;
    private final Clock clock;

    public UserService(UserRepository users, Outbox outbox, Clock clock) {
        this.users = users;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<UserEntity> createLocal(CreateUserRequest request) {
        return users.findLiveByUsername(request.username()).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("a user named '" + request.username() + "' already exists");
            }
            UserEntity user = newLocalUser(request);
            return users.persist(user)
                    .call(saved -> outbox.publish(event(EventType.DIRECTORY_USER_CREATED, saved)))
                    .invoke(saved -> Log.infof("user %s created (local)", saved.id));
        });
    }

    @WithSession
    public Uni<UserEntity> get(UUID id) {
        return users.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("user " + id));
    }

    @WithSession
    public Uni<List<UserEntity>> list(int offset, int limit) {
        return users.page(offset, limit);
    }

    private UserEntity newLocalUser(CreateUserRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<OrgMembership> memberships = request.memberships() == null ? List.of()
                : request.memberships().stream().map(m -> new OrgMembership(m.orgId(), m.roles())).toList();
        String requestedOrg = request.defaultOrgId();
        if (requestedOrg != null && memberships.stream().noneMatch(m -> m.orgId().equals(requestedOrg))) {
            throw new ProblemException(400, "Invalid request", "/defaultOrgId must be one of the user's memberships");
        }
        String defaultOrg = requestedOrg == null && memberships.size() == 1 ? memberships.get(0).orgId() : requestedOrg;
        UserEntity user = new UserEntity();
        user.id = UUID.randomUUID();
        user.version = 1;
        user.source = UserSource.LOCAL;
        user.username = request.username();
        user.email = request.email();
        user.firstName = request.firstName();
        user.lastName = request.lastName();
        user.displayName = request.displayName();
        user.status = UserStatus.ACTIVE;
        user.defaultOrgId = defaultOrg;
        user.memberships = memberships;
        user.groups = request.groups() == null ? List.of() : List.copyOf(request.groups());
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    private CloudEvent<?> event(EventType type, UserEntity user) {
        return CloudEvent.of(type, SOURCE, user.id.toString(), user.version, user.updatedAt, user.toSnapshot());
    }
}
