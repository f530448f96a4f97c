package io.sequent.directory.service;

import com.unboundid.ldap.sdk.Filter;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.sequent.directory.api.ProblemException;
import io.sequent.directory.client.DirectoryRefusedException;
import io.sequent.directory.client.DirectoryUnavailableException;
import io.sequent.directory.client.LdapGateway;
import io.sequent.directory.client.LdapSettings;
import io.sequent.directory.client.LdapWorkers;
import io.sequent.directory.domain.ChangeMark;
import io.sequent.directory.domain.DirectoryEntry;
import io.sequent.directory.domain.Dn;
import io.sequent.directory.domain.ImportedUser;
import io.sequent.directory.domain.Scope;
import io.sequent.directory.domain.UserMapper;
import io.sequent.directory.persistence.DirectoryEntity;
import io.sequent.directory.persistence.ImportEntity;
import io.sequent.directory.persistence.ImportRepository;
import io.sequent.directory.persistence.UserEntity;
import io.sequent.directory.persistence.UserRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports from a directory: full (paged, streaming, with a reconcile sweep that finds users gone from
 * the scope) or incremental (AD {@code uSNChanged} high-water mark, tombstones through the show-deleted
 * control, entries moved out of the scope, and members of changed groups). One import per directory at
 * a time; the import runs on the LDAP import pool and writes each page in its own transaction.
 */
@ApplicationScoped
public class ImportService {

    public static final Duration STALE_AFTER = Duration.ofMinutes(2);
    /** Directory reads one import runs at once (scope OUs in a full import, the searches of an incremental one). */
    static final int READERS = 2;

    private final DirectoryService directories;
    private final ImportWriter writer;
    private final ImportRepository imports;
    private final LdapGateway ldap;
    private final LdapWorkers workers;
    private final Clock clock;
    private final int pageSize;
    private final Map<UUID, LdapGateway.DomainPolicy> policies = new ConcurrentHashMap<>();

    public ImportService(DirectoryService directories, ImportWriter writer, ImportRepository imports, LdapGateway ldap,
                         LdapWorkers workers, Clock clock,
                         @ConfigProperty(name = "sequent.directory.import.page-size", defaultValue = "500") int pageSize) {
        this.directories = directories;
        this.writer = writer;
        this.imports = imports;
        this.ldap = ldap;
        this.workers = workers;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Starts an import, or fails with 409 naming the running one. */
    public Uni<ImportEntity> start(UUID directoryId, String kind, String trigger) {
        return directories.get(directoryId)
                .chain(d -> writer.claim(directoryId, kind, trigger, STALE_AFTER))
                .onFailure(ImportService::isUniqueViolation).recoverWithUni(e -> runningOf(directoryId)
                        .map(running -> new ImportWriter.Claim(running, false)))
                .chain(claim -> {
                    ImportEntity run = claim.run();
                    if (!claim.fresh()) {
                        return Uni.createFrom().failure(new ImportConflict(run.id));
                    }
                    if (!workers.startImport(() -> execute(run.id, run.directoryId, run.kind))) {
                        return writer.finish(run.id, false, "the import pool is full; try again later", run.kind, null);
                    }
                    return Uni.createFrom().item(run);
                });
    }

    /** 409 for a second import while one runs. */
    public static class ImportConflict extends ProblemException {
        private final UUID runningId;

        public ImportConflict(UUID runningId) {
            super(409, "Import running", "import " + runningId + " of this directory is still running");
            this.runningId = runningId;
        }

        public UUID runningId() {
            return runningId;
        }
    }

    @WithSession
    Uni<ImportEntity> runningOf(UUID directoryId) {
        return imports.running(directoryId).onItem().ifNull().failWith(() ->
                new ProblemException(409, "Import running", "another import of this directory has just started"));
    }

    @WithSession
    public Uni<ImportEntity> get(UUID directoryId, UUID importId) {
        return imports.findById(importId).map(run -> {
            if (run == null || !run.directoryId.equals(directoryId)) {
                throw ProblemException.notFound("import " + importId);
            }
            return run;
        });
    }

    @WithSession
    public Uni<List<ImportEntity>> recent(UUID directoryId) {
        return imports.find("directoryId = ?1 order by startedAt desc", directoryId).range(0, 19).list();
    }

    // ------------------------------------------------------------------ the import itself (blocking, import pool)

    private void execute(UUID importId, UUID directoryId, String kind) {
        String kindDone = kind;
        try {
            DirectoryEntity d = await(() -> directories.get(directoryId));
            LdapSettings settings = directories.settings(d);
            Long top = ldap.highestCommittedUsn(d.id, d.version, settings).orElse(null);
            // the domain's password and lockout policy: read again by every full import, kept between incremental ones
            LdapGateway.DomainPolicy policy = "FULL".equals(kind) ? ldap.domainPolicy(d.id, d.version, settings)
                    : domainPolicy(d, settings);
            policies.put(d.id, policy);
            if (top == null) {
                withoutUsn(importId, d, settings, policy, kind);
                return;
            }
            String detail = null;
            if ("INCREMENTAL".equals(kind) && (d.highWaterUsn == null || top < d.highWaterUsn)) {
                detail = d.highWaterUsn == null ? "no high-water mark yet; ran a full import"
                        : "the directory's update sequence went back (restored or reset); ran a full import";
                kindDone = "FULL";
            }
            if ("FULL".equals(kindDone)) {
                full(importId, d, settings, policy, attributes(d), entry -> { });
            } else if (top > d.highWaterUsn) {
                incremental(importId, d, settings, policy, d.highWaterUsn, top);
            }
            String finalKind = kindDone;
            String finalDetail = detail;
            await(() -> writer.finish(importId, true, finalDetail, finalKind, top));
        } catch (Throwable e) {
            String why = e instanceof DirectoryUnavailableException || e instanceof DirectoryRefusedException
                    || e instanceof ProblemException ? e.getMessage() : "unexpected failure: " + e.getClass().getSimpleName();
            Log.warnf("import %s of directory %s failed: %s", importId, directoryId, why);
            if (!(e instanceof DirectoryUnavailableException)) {
                Log.debugf(e, "import %s failure", importId);
            }
            try {
                await(() -> writer.finish(importId, false, why, kind, null));
            } catch (Throwable again) {
                Log.errorf("import %s: cannot record its failure: %s", importId, again.getMessage());
            }
        }
    }

    private void full(UUID importId, DirectoryEntity d, LdapSettings settings, LdapGateway.DomainPolicy policy,
                      List<String> attributes, Consumer<DirectoryEntry> observe) {
        UserMapper mapper = mapper(d, policy, nestedMembers(d, settings));
        Scope.Matcher scope = d.scope().matcher();
        Filter filter = LdapGateway.parseFilter(d.userFilter);
        SeenIds seen = new SeenIds(); // ids only: the users themselves go page by page
        List<String> bases = d.scopeOus.isEmpty() ? List.of(d.baseDn) : d.scopeOus;
        // the scope OUs are read at once (the server answers on several workers), mapped on their reader threads,
        // and written here page by page; the next pages are read while one is written
        List<ConcurrentReads.Source<List<ImportedUser>>> reads = bases.stream().<ConcurrentReads.Source<List<ImportedUser>>>map(
                base -> emit -> ldap.search(d.id, d.version, settings, base, filter, attributes, pageSize, false, page -> {
                    List<ImportedUser> mapped = new ArrayList<>(page.size());
                    for (DirectoryEntry entry : page) {
                        observe.accept(entry);
                        if (scope.contains(entry.dn()) && seen.add(entry.externalId())) {
                            mapper.map(entry, clock.instant()).ifPresent(mapped::add);
                        }
                    }
                    emit.accept(mapped);
                })).toList();
        Pipeline pipeline = new Pipeline();
        long t0 = System.nanoTime();
        ConcurrentReads.run(reads, READERS, 4, "ldap-import-reader",
                mapped -> pipeline.submit(() -> writer.applyPage(d.id, importId, mapped, List.of())));
        pipeline.drain();
        long read = System.nanoTime();
        sweep(importId, d, seen);
        Log.infof("full import %s of directory %s: %d users in %d ms (of which waiting on page writes %d ms), reconcile %d ms",
                importId, d.id, seen.size(), (read - t0) / 1_000_000, pipeline.waitedNanos / 1_000_000,
                (System.nanoTime() - read) / 1_000_000);
    }

    /** The reconcile sweep: every stored live user of this directory whose id the scope no longer holds is deleted. */
    private void sweep(UUID importId, DirectoryEntity d, SeenIds seen) {
        UUID after = new UUID(0, 0);
        while (true) {
            UUID from = after;
            List<UserRows.Ref> stored = await(() -> writer.liveOfDirectoryAfter(d.id, from, 5000));
            if (stored.isEmpty()) {
                break;
            }
            List<String> gone = stored.stream().map(UserRows.Ref::externalId).filter(id -> !seen.contains(id)).toList();
            if (!gone.isEmpty()) {
                await(() -> writer.applyPage(d.id, importId, List.of(), gone));
            }
            after = stored.get(stored.size() - 1).id();
        }
    }

    /**
     * A directory without {@code uSNChanged} (OpenLDAP and other non-AD servers). Incremental: the entries whose
     * {@code entryCSN} (or {@code modifyTimestamp}) is at or after the stored mark, anywhere below the base DN (an
     * entry moved out of the scope ends DELETED), then a reconcile of the ids in scope against the stored users:
     * such servers keep no tombstones (unless they run the accesslog overlay), so a deletion shows only as an id
     * that is gone. Full: as for AD. Either way the next mark is the newest change seen, minus the time this
     * import took and a second, so what changed while it read is read again.
     */
    private void withoutUsn(UUID importId, DirectoryEntity d, LdapSettings settings, LdapGateway.DomainPolicy policy,
                            String kind) {
        long started = System.nanoTime();
        ChangeMark mark = d.changeMark == null ? null : ChangeMark.fromStored(d.changeMark);
        List<String> attributes = new ArrayList<>(attributes(d));
        attributes.addAll(List.of(ChangeMark.ENTRY_CSN, ChangeMark.MODIFY_TIMESTAMP));
        Newest newest = new Newest();
        String kindDone = kind;
        String detail = null;
        if ("INCREMENTAL".equals(kind) && mark != null) {
            UserMapper mapper = mapper(d, policy, nestedMembers(d, settings));
            Scope.Matcher scope = d.scope().matcher();
            Filter filter = LdapGateway.parseFilter(d.userFilter);
            Filter changed = Filter.createANDFilter(filter,
                    Filter.createGreaterOrEqualFilter(mark.attribute(), mark.filterValue()));
            ldap.search(d.id, d.version, settings, d.baseDn, changed, attributes, pageSize, false, page -> {
                page.forEach(newest::observe);
                applyEntries(importId, d, mapper, scope, page);
            });
            SeenIds seen = new SeenIds();
            List<String> bases = d.scopeOus.isEmpty() ? List.of(d.baseDn) : d.scopeOus;
            for (String base : bases) {
                ldap.search(d.id, d.version, settings, base, filter, List.of("entryUUID", "objectGUID"), pageSize, false,
                        page -> page.stream().filter(e -> scope.contains(e.dn())).forEach(e -> seen.add(e.externalId())));
            }
            sweep(importId, d, seen);
        } else {
            if ("INCREMENTAL".equals(kind)) {
                detail = "the server has no uSNChanged and there is no change mark yet; ran a full import";
                kindDone = "FULL";
            }
            full(importId, d, settings, policy, attributes, newest::observe);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started).plusSeconds(1);
        ChangeMark next = newest.attribute == null ? mark : ChangeMark.after(newest.attribute, newest.at, took);
        String finalKind = kindDone;
        String finalDetail = detail;
        await(() -> writer.finish(importId, true, finalDetail, finalKind, null, next == null ? null : next.stored()));
    }

    /** The newest change an import saw (entryCSN preferred: microseconds; else modifyTimestamp). */
    private static final class Newest {
        String attribute;
        Instant at;

        synchronized void observe(DirectoryEntry entry) {
            String csn = entry.first(ChangeMark.ENTRY_CSN);
            String attr = csn != null ? ChangeMark.ENTRY_CSN : ChangeMark.MODIFY_TIMESTAMP;
            ChangeMark.parse(csn != null ? csn : entry.first(ChangeMark.MODIFY_TIMESTAMP)).ifPresent(t -> {
                if (attribute == null || (ChangeMark.ENTRY_CSN.equals(attr) && !ChangeMark.ENTRY_CSN.equals(attribute))) {
                    attribute = attr; // the first mark, or a CSN after timestamps: CSNs win
                    at = t;
                } else if (attr.equals(attribute) && t.isAfter(at)) {
                    at = t;
                }
            });
        }
    }

    private void incremental(UUID importId, DirectoryEntity d, LdapSettings settings, LdapGateway.DomainPolicy policy,
                             long highWater, long top) {
        UserMapper mapper = mapper(d, policy, nestedMembers(d, settings));
        Scope.Matcher scope = d.scope().matcher();
        // uSNChanged first: Samba evaluates the terms in order over every entry (no range index), and the usual
        // (objectCategory=person) costs it a DN comparison per entry: in this order the scan takes half the CPU
        Filter changed = Filter.createANDFilter(Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(highWater + 1)),
                LdapGateway.parseFilter(d.userFilter));
        // three independent searches: the changed entries (read and written here), and, on reader threads at the
        // same time, the tombstones and the changed groups (collected, then written)
        Filter tombstones = Filter.createANDFilter(Filter.createEqualityFilter("isDeleted", "TRUE"),
                Filter.createEqualityFilter("objectClass", "user"),
                Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(highWater + 1)));
        Filter groups = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"),
                Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(highWater + 1)));
        List<String> gone = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<String> memberDns = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        Set<String> changedGroups = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        long t0 = System.nanoTime();
        List<ConcurrentReads.Source<List<DirectoryEntry>>> reads = List.of(
                // the whole base, not only the scope OUs: an entry moved out of the scope is found here and ends DELETED
                emit -> ldap.search(d.id, d.version, settings, d.baseDn, changed, attributes(d), pageSize, false, emit),
                // deleted users: AD keeps them as tombstones, visible with the show-deleted control
                emit -> ldap.search(d.id, d.version, settings, d.baseDn, tombstones, List.of("objectGUID", "entryUUID"),
                        pageSize, true, page -> page.forEach(e -> gone.add(e.externalId()))),
                // group membership changes bump the group's uSNChanged, not the member's: re-read the members
                emit -> ldap.search(d.id, d.version, settings, d.baseDn, groups, List.of("objectGUID", "member"), pageSize,
                        false, page -> page.forEach(g -> {
                            changedGroups.add(g.dn());
                            g.all("member").stream().filter(scope::contains).forEach(memberDns::add);
                        })));
        ConcurrentReads.run(reads, 3, 4, "ldap-import-reader", page -> applyEntries(importId, d, mapper, scope, page));
        long t1 = System.nanoTime();
        if (!gone.isEmpty()) {
            await(() -> writer.applyPage(d.id, importId, List.of(), List.copyOf(gone)));
        }
        long t2 = System.nanoTime();
        // the members, a hundred per search: (&(user filter)(|(distinguishedName=...)...))
        Filter userFilter = LdapGateway.parseFilter(d.userFilter);
        if (d.mapping.nestedGroups() && !d.mapping.groupRoles().isEmpty()) {
            // a group added to a group bumps only the outer group: re-read the users of every group nested in it
            Set<String> affected = new LinkedHashSet<>();
            for (String group : changedGroups) {
                affected.add(group);
                affected.addAll(ldap.nestedGroups(d.id, d.version, settings, group));
            }
            List<String> groupList = List.copyOf(affected);
            for (int i = 0; i < groupList.size(); i += 100) {
                Filter anyOf = Filter.createORFilter(groupList.subList(i, Math.min(groupList.size(), i + 100)).stream()
                        .map(dn -> Filter.createEqualityFilter("memberOf", dn)).toList());
                ldap.search(d.id, d.version, settings, d.baseDn, Filter.createANDFilter(userFilter, anyOf), attributes(d),
                        pageSize, false, page -> applyEntries(importId, d, mapper, scope, page));
            }
        }
        List<String> members = List.copyOf(memberDns);
        for (int i = 0; i < members.size(); i += 100) {
            Filter anyOf = Filter.createORFilter(members.subList(i, Math.min(members.size(), i + 100)).stream()
                    .map(dn -> Filter.createEqualityFilter("distinguishedName", dn)).toList());
            ldap.search(d.id, d.version, settings, d.baseDn, Filter.createANDFilter(userFilter, anyOf), attributes(d), pageSize,
                    false, page -> applyEntries(importId, d, mapper, scope, page));
        }
        Log.infof("incremental import %s of directory %s: searches and changed entries %d ms, tombstones %d ms, changed groups' members %d ms",
                importId, d.id, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
    }

    private void applyEntries(UUID importId, DirectoryEntity d, UserMapper mapper, Scope.Matcher scope, List<DirectoryEntry> page) {
        List<ImportedUser> mapped = new ArrayList<>();
        List<String> outOfScope = new ArrayList<>();
        for (DirectoryEntry entry : page) {
            if (scope.contains(entry.dn())) {
                mapper.map(entry, clock.instant()).ifPresent(mapped::add);
            } else {
                outOfScope.add(entry.externalId());
            }
        }
        await(() -> writer.applyPage(d.id, importId, mapped, outOfScope));
    }

    /** The manual single-user refresh: re-reads an imported user from its directory now; returns the user after. */
    public Uni<UserEntity> refreshUser(UUID userId) {
        return findUser(userId).chain(user -> {
            if (user == null) {
                throw ProblemException.notFound("user " + userId);
            }
            if (user.directoryId == null) {
                throw ProblemException.conflict("user " + userId + " is a LOCAL user: there is no directory to read it from");
            }
            return directories.get(user.directoryId).chain(d -> refresh(d, user.externalId)).chain(() -> findUser(userId));
        });
    }

    @WithSession
    Uni<UserEntity> findUser(UUID userId) {
        return UserEntity.findById(userId);
    }

    /** Re-reads one directory user (by its stable id, wherever it moved) and applies what changed. */
    public Uni<ImportWriter.PageResult> refresh(DirectoryEntity d, String externalId) {
        LdapSettings settings = directories.settings(d);
        // read and map on the LDAP pool: the mapping may ask the directory about nested groups
        return workers.call(() -> {
            LdapGateway.DomainPolicy policy = domainPolicy(d, settings);
            var entry = ldap.findByGuid(d.id, d.version, settings, UUID.fromString(externalId), attributes(d));
            if (entry.isEmpty() || !d.scope().contains(entry.get().dn())) {
                return Optional.<Optional<ImportedUser>>empty();
            }
            return Optional.of(mapper(d, policy, nestedMembers(d, settings)).map(entry.get(), clock.instant()));
        }).chain(found -> {
            if (found.isEmpty()) {
                return writer.applyPage(d.id, null, List.of(), List.of(externalId));
            }
            return found.get().isEmpty() ? Uni.createFrom().item(ImportWriter.PageResult.EMPTY)
                    : writer.applyPage(d.id, null, List.of(found.get().get()), List.of());
        });
    }

    /** The domain's password and lockout policy, read once per directory and refreshed by every import (blocking). */
    public LdapGateway.DomainPolicy domainPolicy(DirectoryEntity d, LdapSettings settings) {
        return policies.computeIfAbsent(d.id, id -> ldap.domainPolicy(d.id, d.version, settings));
    }

    private static UserMapper mapper(DirectoryEntity d, LdapGateway.DomainPolicy policy, UserMapper.NestedMembership nested) {
        return new UserMapper(d.mapping, d.baseDn, policy == null ? null : policy.maxPasswordAge(),
                policy == null ? null : policy.lockoutDuration(), nested);
    }

    /** The DNs of a rule's group: itself when it is a DN, else the groups with that CN. */
    private List<String> ruleGroupDns(DirectoryEntity d, LdapSettings settings, String group) {
        return group.contains("=") ? List.of(group) : ldap.groupDns(d.id, d.version, settings, group);
    }

    /**
     * For a mapping with {@code nestedGroups}: per rule group, the groups nested in it at any depth, found with
     * {@code (&(objectClass=group)(memberOf:1.2.840.113556.1.4.1941:=<rule group>))} (blocking). Asking for groups
     * and not users keeps it cheap: Samba evaluates the chain rule per candidate entry, and a domain has few groups
     * (the same rule over all users of a 20,000-entry domain took it 13 s of CPU).
     */
    private UserMapper.NestedMembership nestedMembers(DirectoryEntity d, LdapSettings settings) {
        if (!d.mapping.nestedGroups() || d.mapping.groupRoles().isEmpty()) {
            return UserMapper.NestedMembership.NONE;
        }
        Map<String, Set<String>> nested = new java.util.HashMap<>();
        for (var rule : d.mapping.groupRoles()) {
            nested.computeIfAbsent(rule.group(), group -> {
                Set<String> dns = new HashSet<>();
                for (String groupDn : ruleGroupDns(d, settings, group)) {
                    dns.addAll(ldap.nestedGroups(d.id, d.version, settings, groupDn));
                }
                return dns;
            });
        }
        return new UserMapper.NestedMembership(nested);
    }

    static List<String> attributes(DirectoryEntity d) {
        Set<String> names = new LinkedHashSet<>(d.mapping.attributes());
        names.addAll(LdapGateway.ACCOUNT_ATTRIBUTES);
        return List.copyOf(names);
    }

    /** At most one database write in flight while the import thread reads the next page from the directory. */
    private static final class Pipeline {
        private CompletableFuture<Object> pending = CompletableFuture.completedFuture(null);
        long waitedNanos;

        void submit(Supplier<Uni<?>> work) {
            drain();
            CompletableFuture<Object> next = new CompletableFuture<>();
            VertxContextSupport.<Object>subscribe(() -> work.get().onItem().transform(x -> (Object) x).toMulti(),
                    s -> s.with(next::complete, next::completeExceptionally, () -> next.complete(null)));
            pending = next;
        }

        void drain() {
            long t0 = System.nanoTime();
            try {
                pending.get();
                waitedNanos += System.nanoTime() - t0;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted");
            }
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("directory_import_running")) {
                return true;
            }
        }
        return false;
    }
}
