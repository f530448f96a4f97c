package io.sequent.authflow.persistence;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.sequent.authflow.service.AnswerTimes;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The replicas' recent primary-authentication durations (S1 by time, {@link AnswerTimes}) in Redis, one list
 * per flow of the newest {@value #LISTED}: every few seconds each replica appends what it timed since, and a
 * replica that has timed nothing yet (just started) fills its window from the list. So decoy answers have
 * cover from the first request after a restart or a scale-out, not only after 64 real sign-ins on that
 * replica. The list expires a day after the last sign-in anywhere. Redis down: the window stays local, as it
 * was; nothing on the sign-in path waits for this.
 */
@ApplicationScoped
public class SharedAnswerTimes {

    static final int LISTED = 256;
    private static final Duration KEPT_FOR = Duration.ofDays(1);

    private final ReactiveRedisDataSource redis;
    private final AnswerTimes times;
    private final String prefix;

    public SharedAnswerTimes(ReactiveRedisDataSource redis, AnswerTimes times,
                             @ConfigProperty(name = "sequent.authflow.answer-times.key-prefix",
                                     defaultValue = "sequent:answer-times:") String prefix) {
        this.redis = redis;
        this.times = times;
        this.prefix = prefix;
    }

    void onStart(@Observes StartupEvent start) {
        // at once, not at the first tick: the first unknown usernames after a start are the ones to cover
        exchange().subscribe().with(v -> { }, e -> Log.debugf("answer times: not shared at start: %s", e.getMessage()));
    }

    /** Appends this replica's new durations, then fills an empty window from the others'. */
    @Scheduled(every = "${sequent.authflow.answer-times.share-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> share() {
        return exchange().onFailure().invoke(e -> Log.debugf("answer times: not shared: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** One exchange now, for every flow: what {@link #share} does on each tick. */
    public Uni<Void> exchange() {
        return Multi.createFrom().items(AnswerTimes.Flow.values())
                .onItem().transformToUniAndConcatenate(this::exchange)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> exchange(AnswerTimes.Flow flow) {
        String key = key(flow);
        long[] mine = times.timedSince(flow);
        Uni<Void> pushed = Uni.createFrom().voidItem();
        if (mine.length > 0) {
            List<String> args = new ArrayList<>(mine.length + 1);
            args.add(key);
            for (long nanos : mine) {
                args.add(Long.toString(nanos));
            }
            pushed = redis.execute("RPUSH", args.toArray(String[]::new))
                    .chain(() -> redis.execute("LTRIM", key, Integer.toString(-LISTED), "-1"))
                    .chain(() -> redis.execute("PEXPIRE", key, Long.toString(KEPT_FOR.toMillis())))
                    .replaceWithVoid();
        }
        return pushed.chain(() -> times.knows(flow) ? Uni.createFrom().voidItem()
                : redis.execute("LRANGE", key, "0", "-1").map(list -> {
                    if (list == null || list.size() == 0) {
                        return null;
                    }
                    long[] theirs = new long[list.size()];
                    for (int k = 0; k < theirs.length; k++) {
                        theirs[k] = list.get(k).toLong();
                    }
                    if (times.seed(flow, theirs)) {
                        Log.infof("answer times: %s window filled with %d durations the replicas timed lately",
                                flow.name().toLowerCase(Locale.ROOT), Math.min(theirs.length, AnswerTimes.KEPT));
                    }
                    return null;
                }).replaceWithVoid());
    }

    public String key(AnswerTimes.Flow flow) {
        return prefix + flow.name().toLowerCase(Locale.ROOT);
    }
}
