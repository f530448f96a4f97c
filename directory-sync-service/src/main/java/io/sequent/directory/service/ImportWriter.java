package io.sequent.directory.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.directory.domain.ImportedUser;
import io.sequent.directory.domain.UserChange;
import io.sequent.directory.domain.UserFacts;
import io.sequent.directory.persistence.ImportEntity;
import io.sequent.directory.persistence.ImportRepository;
import io.sequent.directory.persistence.UserEntity;
import io.sequent.directory.persistence.UserRepository;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes one page of imported users in one transaction: only users whose facts changed are written,
 * each with its version bumped and exactly one {@code directory.user.*} event in the outbox, and the
 * import's progress in the same transaction.
 */
@ApplicationScoped
public class ImportWriter {

    /** What one page did. */
    public record PageResult(int seen, int changed, int deleted, int errors, List<String> problems) {
        static final PageResult EMPTY = new PageResult(0, 0, 0, 0, List.of());
    }

    private final UserRepository users;
    private final ImportRepository imports;
    private final Outbox outbox;
    private final Clock clock;

    public ImportWriter(UserRepository users, ImportRepository imports, Outbox outbox, Clock clock) {
        this.users = users;
        this.imports = imports;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Applies {@code imported} (users in scope) and marks {@code gone} (external ids deleted or moved
     * out of scope) as DELETED, recording the counts on import {@code importId} when it is not null.
     */
    @WithTransaction
    public Uni<PageResult> applyPage(UUID directoryId, UUID importId, List<ImportedUser> imported, Collection<String> gone) {
        Instant now = now();
        List<String> ids = imported.stream().map(ImportedUser::externalId).toList();
        Uni<Map<String, UserEntity>> existing = ids.isEmpty() ? Uni.createFrom().item(Map.of())
                : users.byExternalIds(directoryId, ids).map(list -> list.stream()
                        .collect(Collectors.toMap(u -> u.externalId, Function.identity(), (a, b) -> a)));
        // only new users and renamed ones can clash with another user's name
        return existing.chain(known -> clashes(imported.stream().filter(u -> {
            UserEntity k = known.get(u.externalId());
            return k == null || !k.username.equalsIgnoreCase(u.username());
        }).toList()).chain(taken -> {
            List<UserEntity> toPersist = new ArrayList<>();
            List<CloudEvent<?>> events = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            Map<String, String> claimed = new HashMap<>(); // username -> external id, within this page
            for (ImportedUser u : imported) {
                UserEntity user = known.get(u.externalId());
                String lower = u.username().toLowerCase(Locale.ROOT);
                UserEntity holder = taken.get(lower);
                UserFacts after = UserFacts.of(u);
                if (holder != null && (user == null || !holder.id.equals(user.id))) {
                    problems.add("username " + u.username() + " is already held by user " + holder.id);
                    continue;
                }
                String twin = claimed.putIfAbsent(lower, u.externalId());
                if (twin != null && !twin.equals(u.externalId())) {
                    problems.add("username " + u.username() + " is used by two directory entries");
                    continue;
                }
                if (user != null && "DISABLED".equals(user.statusOverride) && after.status() != UserStatus.DELETED) {
                    after = after.withStatus(UserStatus.DISABLED); // an admin's override outlives imports
                }
                if (user != null && !u.dn().equals(user.dn)) {
                    user.dn = u.dn(); // a move or rename inside the scope: not part of the snapshot, no event
                }
                Optional<EventType> change = UserChange.classify(user == null ? null : user.facts(), after);
                if (change.isEmpty()) {
                    continue;
                }
                if (user == null) {
                    user = newDirectoryUser(directoryId, u, now);
                    toPersist.add(user);
                } else {
                    user.version++;
                }
                user.apply(after);
                user.updatedAt = now;
                events.add(event(change.get(), user));
            }
            return markGone(directoryId, gone, now, events).chain(deleted -> {
                Uni<Void> persisted = toPersist.isEmpty() ? Uni.createFrom().voidItem() : users.persist(toPersist);
                // one after the other on the session, without nesting 500 Unis into one deep chain
                Uni<Void> writes = persisted.chain(() -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(outbox::publish)
                        .collect().last().replaceWithVoid());
                int changed = events.size() - deleted;
                PageResult result = new PageResult(imported.size(), changed, deleted, problems.size(), problems);
                return writes.chain(() -> progress(importId, result)).replaceWith(result);
            });
        }));
    }

    /** Marks the directory's live users with these external ids DELETED; returns how many. */
    private Uni<Integer> markGone(UUID directoryId, Collection<String> gone, Instant now, List<CloudEvent<?>> events) {
        if (gone.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return users.byExternalIds(directoryId, gone).map(list -> {
            int count = 0;
            for (UserEntity user : list) {
                if (user.status == UserStatus.DELETED) {
                    continue;
                }
                user.status = UserStatus.DELETED;
                user.version++;
                user.updatedAt = now;
                events.add(event(EventType.DIRECTORY_USER_DELETED, user));
                count++;
                Log.infof("user %s deleted (gone from directory %s)", user.id, directoryId);
            }
            return count;
        });
    }

    private Uni<Map<String, UserEntity>> clashes(List<ImportedUser> imported) {
        if (imported.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> names = imported.stream().map(u -> u.username().toLowerCase(Locale.ROOT)).distinct().toList();
        return users.liveByUsernames(names).map(list -> {
            Map<String, UserEntity> byName = new HashMap<>();
            list.forEach(u -> byName.put(u.username.toLowerCase(Locale.ROOT), u));
            return byName;
        });
    }

    private Uni<Void> progress(UUID importId, PageResult page) {
        if (importId == null) {
            return Uni.createFrom().voidItem();
        }
        return imports.findById(importId).invoke(run -> {
            if (run != null) {
                run.usersSeen += page.seen();
                run.usersChanged += page.changed();
                run.usersDeleted += page.deleted();
                run.errors += page.errors();
                if (!page.problems().isEmpty() && (run.detail == null || run.detail.length() < 2000)) {
                    run.detail = ((run.detail == null ? "" : run.detail + "; ") + String.join("; ", page.problems()));
                }
                run.heartbeatAt = now();
            }
        }).replaceWithVoid();
    }

    /** A claimed import ({@code fresh}) or the one already running. */
    public record Claim(ImportEntity run, boolean fresh) {
    }

    /** Claims the import lock of a directory: a new RUNNING import, unless one runs (returned instead). */
    @WithTransaction
    public Uni<Claim> claim(UUID directoryId, String kind, String trigger, java.time.Duration staleAfter) {
        Instant now = now();
        return imports.failStale(directoryId, now.minus(staleAfter), now)
                .chain(() -> imports.running(directoryId))
                .chain(running -> {
                    if (running != null) {
                        return Uni.createFrom().item(new Claim(running, false));
                    }
                    ImportEntity run = new ImportEntity();
                    run.id = UUID.randomUUID();
                    run.directoryId = directoryId;
                    run.kind = kind;
                    run.trigger = trigger;
                    run.state = "RUNNING";
                    run.startedAt = now;
                    run.heartbeatAt = now;
                    return imports.persist(run).map(saved -> new Claim(saved, true));
                });
    }

    /** Ends an import; on success also moves the directory's high-water mark and import times. */
    @WithTransaction
    public Uni<ImportEntity> finish(UUID importId, boolean succeeded, String detail, String kindDone, Long highWaterUsn) {
        Instant now = now();
        return imports.findById(importId).chain(run -> {
            run.state = succeeded ? "SUCCEEDED" : "FAILED";
            run.finishedAt = now;
            run.heartbeatAt = now;
            if (detail != null) {
                run.detail = run.detail == null ? detail : detail + "; " + run.detail;
            }
            return io.sequent.directory.persistence.DirectoryEntity.<io.sequent.directory.persistence.DirectoryEntity>findById(run.directoryId)
                    .invoke(d -> {
                        if (d != null && !succeeded) {
                            d.lastAttemptAt = now; // the scheduler waits an interval before trying again
                        } else if (d != null) {
                            d.lastAttemptAt = now;
                            d.highWaterUsn = highWaterUsn;
                            d.lastIncrementalAt = now;
                            if ("FULL".equals(kindDone)) {
                                d.lastFullAt = now;
                            }
                        }
                    }).replaceWith(run);
        });
    }

    @WithSession
    public Uni<List<UserEntity>> liveOfDirectoryAfter(UUID directoryId, UUID after, int limit) {
        return users.liveOfDirectoryAfter(directoryId, after, limit);
    }

    private static UserEntity newDirectoryUser(UUID directoryId, ImportedUser u, Instant now) {
        UserEntity user = new UserEntity();
        user.id = UUID.randomUUID();
        user.version = 1;
        user.source = UserSource.DIRECTORY;
        user.directoryId = directoryId;
        user.externalId = u.externalId();
        user.dn = u.dn();
        user.createdAt = now;
        return user;
    }

    static CloudEvent<?> event(EventType type, UserEntity user) {
        return CloudEvent.of(type, UserService.SOURCE, user.id.toString(), user.version, user.updatedAt, user.toSnapshot());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
