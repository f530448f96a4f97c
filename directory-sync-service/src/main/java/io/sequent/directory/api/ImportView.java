package io.sequent.directory.api;

import io.sequent.directory.persistence.ImportEntity;
import java.time.Duration;
import java.time.Instant;

/** An import's progress while it runs (users seen, changed, deleted, errors, rate) and its outcome after. */
public record ImportView(String id, String directoryId, String kind, String trigger, String state, int usersSeen,
                         int usersChanged, int usersDeleted, int errors, double usersPerSecond, String detail,
                         Instant startedAt, Instant finishedAt) {

    public static ImportView of(ImportEntity run, Instant now) {
        Instant end = run.finishedAt != null ? run.finishedAt : now;
        double seconds = Math.max(0.001, Duration.between(run.startedAt, end).toNanos() / 1e9);
        double rate = Math.round(run.usersSeen / seconds * 10) / 10.0;
        return new ImportView(run.id.toString(), run.directoryId.toString(), run.kind, run.trigger, run.state,
                run.usersSeen, run.usersChanged, run.usersDeleted, run.errors, rate, run.detail, run.startedAt, run.finishedAt);
    }
}
