package io.sequent.directory.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.directory.api.CreateUserRequest;
import io.sequent.directory.api.UpdateUserRequest;
import io.sequent.directory.domain.UserChange;
import io.sequent.directory.domain.UserFacts;
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

    /** Applies changes to a local user; publishes one event when something changed (none otherwise). */
    @WithTransaction
    public Uni<UserEntity> updateLocal(UUID id, Long ifMatch, UpdateUserRequest request) {
        return localForChange(id, ifMatch).map(user -> {
            UserFacts before = user.facts();
            List<OrgMembership> memberships = request.memberships() == null ? user.memberships
                    : request.memberships().stream().map(m -> new OrgMembership(m.orgId(), m.roles())).toList();
            String defaultOrg = request.defaultOrgId() != null ? request.defaultOrgId()
                    : memberships.stream().anyMatch(m -> m.orgId().equals(user.defaultOrgId)) ? user.defaultOrgId
                    : memberships.size() == 1 ? memberships.get(0).orgId() : null;
            if (defaultOrg != null && memberships.stream().noneMatch(m -> m.orgId().equals(defaultOrg))) {
                throw new ProblemException(400, "Invalid request", "/defaultOrgId must be one of the user's memberships");
            }
            UserFacts after = new UserFacts(user.username, pick(request.email(), user.email),
                    pick(request.firstName(), user.firstName), pick(request.lastName(), user.lastName),
                    pick(request.displayName(), user.displayName), user.status, user.passwordExpired,
                    user.passwordMustChange, user.passwordExpiresAt, user.accountExpiresAt, defaultOrg, memberships,
                    request.groups() == null ? user.groups : request.groups());
            return after.equals(before) ? null : after;
        }).chain(after -> after == null ? get(id) : change(id, after));
    }

    /** Disables or enables a local user. */
    @WithTransaction
    public Uni<UserEntity> setLocalStatus(UUID id, Long ifMatch, UserStatus status) {
        return localForChange(id, ifMatch).chain(user -> user.status == status ? Uni.createFrom().item(user)
                : change(id, user.facts().withStatus(status)));
    }

    /**
     * An admin's status override of an imported user: DISABLED holds whatever imports read; clearing it
     * (ACTIVE) leaves the status to the directory, which the caller re-reads.
     */
    @WithTransaction
    public Uni<UserEntity> overrideImportedStatus(UUID id, Long ifMatch, UserStatus status) {
        return users.findById(id).chain(user -> {
            if (user == null || user.status == UserStatus.DELETED) {
                throw ProblemException.notFound("user " + id);
            }
            if (ifMatch != null && ifMatch != user.version) {
                throw new ProblemException(412, "Precondition Failed", "the user is at version " + user.version);
            }
            if (status == UserStatus.DISABLED) {
                user.statusOverride = "DISABLED";
                return user.status == UserStatus.DISABLED ? Uni.createFrom().item(user)
                        : change(id, user.facts().withStatus(UserStatus.DISABLED));
            }
            user.statusOverride = null;
            return Uni.createFrom().item(user);
        });
    }

    @WithSession
    public Uni<UserSource> sourceOf(UUID id) {
        return users.findById(id).map(user -> {
            if (user == null) {
                throw ProblemException.notFound("user " + id);
            }
            return user.source;
        });
    }

    /** Deletes a local user: kept as DELETED (so its events stay ordered and its username is free again). */
    @WithTransaction
    public Uni<UserEntity> deleteLocal(UUID id, Long ifMatch) {
        return localForChange(id, ifMatch).chain(user -> change(id, user.facts().withStatus(UserStatus.DELETED)));
    }

    private Uni<UserEntity> change(UUID id, UserFacts after) {
        return users.findById(id).chain(user -> {
            var type = UserChange.classify(user.facts(), after);
            if (type.isEmpty()) {
                return Uni.createFrom().item(user);
            }
            user.apply(after);
            user.version++;
            user.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Log.infof("user %s changed: %s", user.id, type.get().shortName());
            return outbox.publish(event(type.get(), user)).replaceWith(user);
        });
    }

    private Uni<UserEntity> localForChange(UUID id, Long ifMatch) {
        return users.findById(id).map(user -> {
            if (user == null || user.status == UserStatus.DELETED) {
                throw ProblemException.notFound("user " + id);
            }
            if (user.source != UserSource.LOCAL) {
                throw ProblemException.conflict("user " + id + " is imported from a directory: change it there");
            }
            if (ifMatch != null && ifMatch != user.version) {
                throw new ProblemException(412, "Precondition Failed", "the user is at version " + user.version);
            }
            return user;
        });
    }

    private static String pick(String requested, String current) {
        return requested != null ? requested : current;
    }

    @WithSession
    public Uni<UserEntity> get(UUID id) {
        return users.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("user " + id));
    }

    @WithSession
    public Uni<List<UserEntity>> list(int offset, int limit) {
        return users.page(offset, limit);
    }

    /** The live user with this username (any case), as a list of zero or one. */
    @WithSession
    public Uni<List<UserEntity>> findByUsername(String username) {
        return users.findLiveByUsername(username).map(u -> u == null ? List.<UserEntity>of() : List.of(u));
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
