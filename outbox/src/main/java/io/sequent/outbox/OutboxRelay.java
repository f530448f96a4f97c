package io.sequent.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.event.Observes;
import io.sequent.events.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows to Kafka in the order they were written, then deletes them, in one database
 * transaction that holds an advisory lock, so that of several replicas only one relays at a time and
 * per-subject order is kept. A row is deleted only after the broker acknowledged it: a crash or a
 * broker outage means it is sent again later (at least once; consumers deduplicate by event id or
 * subject version), never lost.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Advisory lock key: "sequent outbox" as a number. */
    private static final long LOCK_KEY = 0x5E9E_0B0BL;
    private static final String CHANNEL = "sequent_outbox";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final boolean enabled;
    private final Counter published;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private PgSubscriber subscriber;

    public OutboxRelay(Pool pool,
                       @Channel("sequent-outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                       MutinyEmitter<String> emitter,
                       @ConfigProperty(name = "sequent.outbox.batch-size", defaultValue = "500") int batchSize,
                       @ConfigProperty(name = "sequent.outbox.relay-enabled", defaultValue = "true") boolean enabled,
                       MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.enabled = enabled;
        this.published = Counter.builder("sequent.outbox.published").description("events published from the outbox")
                .register(registry);
    }

    /** Listens for commits that queued events (the trigger's NOTIFY) and relays at once. */
    void listen(@Observes StartupEvent ignored, Vertx vertx,
                @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                @ConfigProperty(name = "quarkus.datasource.username") String user,
                @ConfigProperty(name = "quarkus.datasource.password") String password) {
        if (!enabled) {
            return;
        }
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        var options = PgConnectOptions.fromUri(uri).setUser(user).setPassword(password);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(CHANNEL).handler(payload -> requestDrain());
        // the first drain comes from the scheduler, once the emitter's channel is surely connected
        subscriber.connect().subscribe().with(
                connected -> Log.debug("outbox relay: listening for commits"),
                failure -> Log.warnf("outbox relay: cannot listen for commits (polling only): %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Polling fallback: picks up rows left behind by an outage or a missed notification. */
    @Scheduled(every = "${sequent.outbox.interval:1s}", delayed = "${sequent.outbox.initial-delay:3s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTick() {
        if (enabled) {
            requestDrain();
        }
    }

    /** Starts a drain, or asks the running one to go round once more; drains never overlap. */
    void requestDrain() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            pending.set(false);
            drain().subscribe().with(done -> finishDrain(), failure -> finishDrain());
        }
    }

    private void finishDrain() {
        running.set(false);
        if (pending.get()) {
            requestDrain();
        }
    }

    /** Relays batches until the outbox is empty or a batch fails. */
    public Uni<Void> drain() {
        return relayBatch()
                .flatMap(count -> count >= batchSize ? drain() : Uni.createFrom().voidItem())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("outbox relay: publishing failed, will retry: %s", failure.getMessage());
                    return null;
                });
    }

    /** Publishes one batch; returns how many rows were published (0 when another replica holds the lock). */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn.query("select pg_try_advisory_xact_lock(" + LOCK_KEY + ")").execute()
                .flatMap(locked -> locked.iterator().next().getBoolean(0) ? publishLocked(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishLocked(SqlConnection conn) {
        return conn.preparedQuery("select seq, topic, message_key, payload from outbox_message order by seq limit $1")
                .execute(Tuple.of(batchSize))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = new ArrayList<>(rows.size());
                    // delete exactly what was sent: a transaction that commits later may hold a lower seq
                    Long[] sent = new Long[rows.size()];
                    int i = 0;
                    for (Row row : rows) {
                        sent[i++] = row.getLong("seq");
                        sends.add(send(row.getString("topic"), row.getString("message_key"), row.getString("payload")));
                    }
                    int count = rows.size();
                    return Uni.join().all(sends).andFailFast()
                            .ifNoItem().after(Duration.ofSeconds(30)).fail()
                            .flatMap(acked -> conn.preparedQuery("delete from outbox_message where seq = any($1)")
                                    .execute(Tuple.tuple().addArrayOfLong(sent)))
                            .invoke(() -> published.increment(count))
                            .replaceWith(count);
                });
    }

    private Uni<Void> send(String topic, String key, String payload) {
        var headers = new RecordHeaders().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(key).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(payload).addMetadata(metadata));
    }
}
