package io.sequent.directory.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.sequent.directory.persistence.DirectoryEntity;
import io.sequent.directory.persistence.DirectoryRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Starts the scheduled imports: every second it looks at each scheduled directory and starts a full
 * import when the full interval has passed (or none ever ran), else an incremental one when the
 * incremental interval has passed. The import lock in the database keeps replicas from doubling up.
 */
@ApplicationScoped
public class ImportScheduler {

    private final DirectoryRepository directories;
    private final ImportService imports;
    private final Clock clock;
    private final boolean enabled;

    public ImportScheduler(DirectoryRepository directories, ImportService imports, Clock clock,
                           @ConfigProperty(name = "sequent.directory.scheduler.enabled", defaultValue = "true") boolean enabled) {
        this.directories = directories;
        this.imports = imports;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Scheduled(every = "${sequent.directory.scheduler.tick:1s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return due().onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(d -> imports.start(d.id, kind(d, clock.instant()), "SCHEDULED")
                        .replaceWithVoid()
                        .onFailure(ImportService.ImportConflict.class).recoverWithNull()
                        .onFailure().invoke(e -> Log.warnf("scheduled import of directory %s not started: %s", d.id, e.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("import scheduler: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    @WithSession
    Uni<List<DirectoryEntity>> due() {
        Instant now = clock.instant();
        return directories.scheduled().map(list -> list.stream().filter(d -> isDue(d, now)).toList());
    }

    /**
     * Due when the incremental interval has passed since the last attempt (successful or not), or none was made,
     * give or take half a tick. The scheduler ticks on whole seconds and an attempt is stamped when it ends, a few
     * milliseconds after its tick: without the grace the tick one interval later came just too early, a 5 s
     * interval ran every 6 s, and a change in the directory waited up to 6 s (bench's DisableLatency showed it).
     */
    static boolean isDue(DirectoryEntity d, Instant now) {
        return d.lastAttemptAt == null
                || !now.isBefore(d.lastAttemptAt.plusSeconds(d.incrementalIntervalSeconds).minus(TICK_GRACE));
    }

    static final java.time.Duration TICK_GRACE = java.time.Duration.ofMillis(500);

    static String kind(DirectoryEntity d, Instant now) {
        return d.lastFullAt == null || !now.isBefore(d.lastFullAt.plusSeconds(d.fullIntervalSeconds)) ? "FULL" : "INCREMENTAL";
    }
}
