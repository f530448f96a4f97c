package io.sequent.directory.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.directory.domain.ImportedUser;
import io.sequent.directory.domain.UserChange;
import io.sequent.directory.domain.UserFacts;
import io.sequent.directory.persistence.ImportEntity;
import io.sequent.directory.persistence.ImportRepository;
import io.sequent.directory.persistence.UserEntity;
import io.sequent.directory.persistence.UserRows;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one page of imported users in one transaction: only users whose facts changed are written,
 * each with its version bumped and exactly one {@code directory.user.*} event in the outbox, and the
 * import's progress in the same transaction. Pages go through the reactive SQL client in bulk statements
 * ({@link UserRows}, {@link Outbox#publishAll}); claiming and finishing an import stay with Hibernate.
 */
@ApplicationScoped
public class ImportWriter {

    /** What one page did. */
    public record PageResult(int seen, int changed, int deleted, int errors, List<String> problems) {
        static final PageResult EMPTY = new PageResult(0, 0, 0, 0, List.of());
    }

    private final Pool pool;
    private final UserRows rows;
    private final ImportRepository imports;
    private final Outbox outbox;
    private final Clock clock;

    public ImportWriter(Pool pool, UserRows rows, ImportRepository imports, Outbox outbox, Clock clock) {
        this.pool = pool;
        this.rows = rows;
        this.imports = imports;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Applies {@code imported} (users in scope) and marks {@code gone} (external ids deleted or moved
     * out of scope) as DELETED, recording the counts on import {@code importId} when it is not null.
     * One transaction and a handful of statements whatever the page size: the page's stored users are read and
     * locked with one SELECT, compared in memory, and the new ones, the changed ones, their outbox rows and the
     * import's progress are each written with one statement.
     */
    public Uni<PageResult> applyPage(UUID directoryId, UUID importId, List<ImportedUser> imported, Collection<String> gone) {
        Instant now = now();
        Set<String> ids = new LinkedHashSet<>();
        imported.forEach(u -> ids.add(u.externalId()));
        ids.addAll(gone);
        return pool.withTransaction(conn -> rows.lockByExternalIds(conn, directoryId, ids).chain(stored -> {
            Map<String, UserEntity> known = new HashMap<>();
            stored.forEach(u -> known.put(u.externalId, u));
            // only new users, renamed ones and ones back from DELETED can clash with another user's name
            List<String> candidates = imported.stream().filter(u -> {
                UserEntity k = known.get(u.externalId());
                return k == null || k.status == UserStatus.DELETED || !k.username.equalsIgnoreCase(u.username());
            }).map(u -> u.username().toLowerCase(Locale.ROOT)).distinct().toList();
            return rows.liveByUsernames(conn, candidates).chain(holders -> {
                Map<String, UserEntity> taken = new HashMap<>();
                holders.forEach(u -> taken.put(u.username.toLowerCase(Locale.ROOT), u));
                Plan plan = plan(directoryId, imported, gone, known, taken, now);
                return rows.insert(conn, plan.inserts)
                        .chain(() -> rows.update(conn, plan.updates))
                        .chain(() -> outbox.publishAll(conn, plan.events))
                        .chain(() -> progress(conn, importId, plan.result, now))
                        .replaceWith(plan.result);
            });
        }));
    }

    /** What one page writes. */
    private record Plan(List<UserEntity> inserts, Set<UserEntity> updates, List<CloudEvent<?>> events, PageResult result) {
    }

    /** The page's changes, decided in memory from the stored users ({@code known}) and the username holders. */
    private static Plan plan(UUID directoryId, List<ImportedUser> imported, Collection<String> gone,
                             Map<String, UserEntity> known, Map<String, UserEntity> taken, Instant now) {
        List<UserEntity> inserts = new ArrayList<>();
        Set<UserEntity> updates = new LinkedHashSet<>();
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
                updates.add(user);
            }
            Optional<EventType> change = UserChange.classify(user == null ? null : user.facts(), after);
            if (change.isEmpty()) {
                continue;
            }
            if (user == null) {
                user = newDirectoryUser(directoryId, u, now);
                inserts.add(user);
                known.put(u.externalId(), user); // the same entry twice in a page is then a no-op, not a second insert
            } else {
                user.version++;
                if (!inserts.contains(user)) {
                    updates.add(user);
                }
            }
            user.apply(after);
            user.updatedAt = now;
            events.add(event(change.get(), user));
        }
        int deleted = 0;
        for (String externalId : gone) {
            UserEntity user = known.get(externalId);
            if (user == null || user.status == UserStatus.DELETED) {
                continue;
            }
            user.status = UserStatus.DELETED;
            user.version++;
            user.updatedAt = now;
            if (!inserts.contains(user)) {
                updates.add(user);
            }
            events.add(event(EventType.DIRECTORY_USER_DELETED, user));
            deleted++;
            Log.infof("user %s deleted (gone from directory %s)", user.id, directoryId);
        }
        int changed = events.size() - deleted;
        return new Plan(inserts, updates, events, new PageResult(imported.size(), changed, deleted, problems.size(), problems));
    }

    private static final String PROGRESS = "update directory_import set users_seen = users_seen + $2,"
            + " users_changed = users_changed + $3, users_deleted = users_deleted + $4, errors = errors + $5,"
            + " detail = case when $6::text is null or length(coalesce(detail, '')) >= 2000 then detail"
            + " else coalesce(detail || '; ', '') || $6::text end, heartbeat_at = $7 where id = $1";

    private Uni<Void> progress(SqlConnection conn, UUID importId, PageResult page, Instant now) {
        if (importId == null) {
            return Uni.createFrom().voidItem();
        }
        String problems = page.problems().isEmpty() ? null : String.join("; ", page.problems());
        return conn.preparedQuery(PROGRESS).execute(Tuple.of(importId, page.seen(), page.changed(), page.deleted())
                .addInteger(page.errors()).addString(problems).addOffsetDateTime(now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
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
        return finish(importId, succeeded, detail, kindDone, highWaterUsn, null);
    }

    /** Ends an import; on success also moves the directory's high-water mark (USN or change mark) and import times. */
    @WithTransaction
    public Uni<ImportEntity> finish(UUID importId, boolean succeeded, String detail, String kindDone, Long highWaterUsn,
                                    String changeMark) {
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
                            d.changeMark = changeMark;
                            d.lastIncrementalAt = now;
                            if ("FULL".equals(kindDone)) {
                                d.lastFullAt = now;
                            }
                        }
                    }).replaceWith(run);
        });
    }

    /** A page of the directory's live users after {@code after}, in id order (the reconcile sweep). */
    public Uni<List<UserRows.Ref>> liveOfDirectoryAfter(UUID directoryId, UUID after, int limit) {
        return pool.withConnection(conn -> rows.liveExternalIdsAfter(conn, directoryId, after, limit));
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
