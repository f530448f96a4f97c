package io.sequent.directory.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.sequent.directory.api.ProblemException;
import io.sequent.directory.client.DirectoryUnavailableException;
import io.sequent.directory.client.LdapGateway;
import io.sequent.directory.client.LdapSettings;
import io.sequent.directory.client.LdapWorkers;
import io.sequent.directory.domain.AccountState;
import io.sequent.directory.domain.BindOutcome;
import io.sequent.directory.domain.DirectoryEntry;
import io.sequent.directory.persistence.DirectoryEntity;
import io.sequent.directory.persistence.UserEntity;
import io.sequent.directory.persistence.UserRepository;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delegated authentication (a password checked by an LDAP bind as the user) and live status reads,
 * for factor-service and auth-flow. Fails closed: when the directory cannot be reached the answer is
 * 503, never a success. A bind or a live read that shows a status the store did not know re-reads the
 * user from the directory at once, which stores it and publishes its event.
 */
@ApplicationScoped
public class AuthenticationService {

    public record AuthenticateResponse(BindOutcome outcome, UserSnapshot user) {
    }

    public record LiveStatus(String userId, UserStatus status, boolean passwordExpired, boolean passwordMustChange,
                             boolean accountExpired, String source, Instant checkedAt) {
    }

    /** Outcomes that say something about the account's state that an import may not have seen yet. */
    private static final Set<BindOutcome> REVEALING = EnumSet.of(BindOutcome.DISABLED, BindOutcome.LOCKED_OUT,
            BindOutcome.PASSWORD_EXPIRED, BindOutcome.MUST_CHANGE_PASSWORD, BindOutcome.ACCOUNT_EXPIRED,
            BindOutcome.NO_SUCH_USER);

    private final UserRepository users;
    private final DirectoryService directories;
    private final ImportService imports;
    private final LdapGateway ldap;
    private final LdapWorkers workers;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<UUID, LiveStatus> cache = new ConcurrentHashMap<>();

    public AuthenticationService(UserRepository users, DirectoryService directories, ImportService imports,
                                 LdapGateway ldap, LdapWorkers workers, Clock clock,
                                 @ConfigProperty(name = "sequent.directory.live-status.cache-ttl", defaultValue = "3s") Duration cacheTtl) {
        this.users = users;
        this.directories = directories;
        this.imports = imports;
        this.ldap = ldap;
        this.workers = workers;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    public Uni<AuthenticateResponse> authenticate(UUID userId, String password) {
        return load(userId).chain(user -> {
            if (user == null) {
                return Uni.createFrom().item(new AuthenticateResponse(BindOutcome.NO_SUCH_USER, null));
            }
            if (user.source == UserSource.LOCAL) {
                return Uni.createFrom().item(new AuthenticateResponse(BindOutcome.NOT_A_DIRECTORY_USER, user.toSnapshot()));
            }
            if (user.status == UserStatus.DELETED || user.dn == null) {
                return Uni.createFrom().item(new AuthenticateResponse(BindOutcome.NO_SUCH_USER, user.toSnapshot()));
            }
            if ("DISABLED".equals(user.statusOverride)) {
                // disabled by an admin in Sequent: refused without asking the directory
                return Uni.createFrom().item(new AuthenticateResponse(BindOutcome.DISABLED, user.toSnapshot()));
            }
            return directories.get(user.directoryId).chain(d -> {
                LdapSettings settings = directories.settings(d);
                return workers.call(() -> ldap.bind(d.id, d.version, settings, user.dn, password)).chain(outcome -> {
                    boolean reveals = REVEALING.contains(outcome) || (outcome == BindOutcome.SUCCESS
                            && (user.status != UserStatus.ACTIVE || user.passwordExpired || user.passwordMustChange));
                    Log.infof("delegated authentication of user %s: %s", user.id, outcome);
                    if (!reveals) {
                        return Uni.createFrom().item(new AuthenticateResponse(outcome, user.toSnapshot()));
                    }
                    cache.remove(user.id);
                    return imports.refresh(d, user.externalId)
                            .onFailure().invoke(e -> Log.warnf("user %s: re-read after bind failed: %s", user.id, e.getMessage()))
                            .onFailure().recoverWithNull()
                            .chain(() -> load(userId))
                            .map(after -> new AuthenticateResponse(outcome, after.toSnapshot()));
                });
            });
        });
    }

    public Uni<LiveStatus> liveStatus(UUID userId) {
        Instant now = clock.instant();
        LiveStatus cached = cache.get(userId);
        if (cached != null && cached.checkedAt().plus(cacheTtl).isAfter(now)) {
            return Uni.createFrom().item(cached);
        }
        return load(userId).chain(user -> {
            if (user == null) {
                throw ProblemException.notFound("user " + userId);
            }
            if (user.source == UserSource.LOCAL) {
                throw new ProblemException(422, "Not a directory user",
                        "user " + userId + " is a LOCAL user: its stored status is the only one");
            }
            return directories.get(user.directoryId).chain(d -> {
                if (!d.liveStatusEnabled || user.status == UserStatus.DELETED) {
                    return Uni.createFrom().item(stored(user, now));
                }
                LdapSettings settings = directories.settings(d);
                return workers.call(() -> readLive(d, settings, user, now))
                        .chain(live -> differs(user, live)
                                ? imports.refresh(d, user.externalId).onFailure().recoverWithNull().replaceWith(live)
                                : Uni.createFrom().item(live))
                        .onFailure(DirectoryUnavailableException.class).recoverWithUni(e -> {
                            if ("REFUSE".equals(d.liveStatusUnreachable)) {
                                return Uni.createFrom().failure(e);
                            }
                            return Uni.createFrom().item(stored(user, now));
                        });
            });
        }).invoke(status -> {
            if ("DIRECTORY".equals(status.source())) {
                if (cache.size() > 50_000) {
                    cache.clear();
                }
                cache.put(userId, status);
            }
        });
    }

    private LiveStatus readLive(DirectoryEntity d, LdapSettings settings, UserEntity user, Instant now) {
        var attributes = LdapGateway.LIVE_ATTRIBUTES;
        Optional<DirectoryEntry> entry = ldap.read(d.id, d.version, settings, user.dn, attributes)
                .filter(e -> e.externalId().equalsIgnoreCase(user.externalId));
        if (entry.isEmpty()) {
            entry = ldap.findByGuid(d.id, d.version, settings, UUID.fromString(user.externalId), attributes);
        }
        if (entry.isEmpty() || !d.scope().contains(entry.get().dn())) {
            return new LiveStatus(user.id.toString(), UserStatus.DELETED, user.passwordExpired, user.passwordMustChange,
                    false, "DIRECTORY", now);
        }
        var policy = imports.domainPolicy(d, settings);
        AccountState state = entry.get().adAccount().evaluate(now, policy.maxPasswordAge(), policy.lockoutDuration());
        UserStatus status = "DISABLED".equals(user.statusOverride) ? UserStatus.DISABLED : state.status();
        return new LiveStatus(user.id.toString(), status, state.passwordExpired(), state.passwordMustChange(),
                state.accountExpired(), "DIRECTORY", now);
    }

    private static boolean differs(UserEntity user, LiveStatus live) {
        return user.status != live.status() || user.passwordExpired != live.passwordExpired()
                || user.passwordMustChange != live.passwordMustChange();
    }

    private static LiveStatus stored(UserEntity user, Instant now) {
        boolean accountExpired = user.accountExpiresAt != null && !now.isBefore(user.accountExpiresAt);
        return new LiveStatus(user.id.toString(), user.status, user.passwordExpired, user.passwordMustChange,
                accountExpired, "LAST_IMPORTED", now);
    }

    @WithSession
    Uni<UserEntity> load(UUID userId) {
        return users.findById(userId);
    }
}
