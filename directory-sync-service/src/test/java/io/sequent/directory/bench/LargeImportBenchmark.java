package io.sequent.directory.bench;

import static io.restassured.RestAssured.given;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.directory.it.Db;
import io.sequent.events.Topics;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (never asserts) a full import of a large non-AD directory: {@code bench.users} (100,000) inetOrgPerson
 * users in a private OpenLDAP slapd of its own (port {@code bench.openldap.port}, 3390; directory
 * {@code target/openldap-large}), bulk-loaded offline with {@code slapadd} before slapd starts, stopped and removed
 * at the end. One full import through the API, the time until all its events are on the topic, the live heap
 * during the import, and an incremental import after 500 users changed. Run it with a small heap, the same for
 * every user count, to show that the import holds a few pages of users and not the whole directory:
 * <pre>
 *   ./mvnw -B verify -pl directory-sync-service -Dgroups=benchmark -DexcludedGroups= -Dtest=LargeImportBenchmark \
 *       -Dbench.users=100000 -DargLine="-Xmx160m -XX:+UseSerialGC"
 * </pre>
 * Results go to the log as lines starting with "BENCH". The benchmark's directory and its users are removed from
 * the database at the end.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@Tag("benchmark")
class LargeImportBenchmark {

    static final int USERS = Integer.getInteger("bench.users", 100_000);
    static final int PORT = Integer.getInteger("bench.openldap.port", 3390);
    static final int OUS = 4;
    static final int CHANGED = 500;
    static final String BASE_DN = "dc=example,dc=org";
    static final String ADMIN_DN = "cn=admin," + BASE_DN;
    static final String ADMIN_PASSWORD = "Admin-Passw0rd";
    static final Path DIR = Path.of("target", "openldap-large").toAbsolutePath();
    static final Path SCRIPT = Path.of("..", "deploy", "local", "directory", "openldap.sh").toAbsolutePath().normalize();

    final String prefix = "lg" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);

    @Test
    void fullImportOfALargeDirectory() throws Exception {
        String dir = null;
        try {
            Duration load = loadDirectory();
            Log.infof("BENCH %d users in %d OUs bulk-loaded with slapadd in %d ms; heap max %d MB (%s); load %s",
                    USERS, OUS, load.toMillis(), Runtime.getRuntime().maxMemory() >> 20,
                    ManagementFactory.getRuntimeMXBean().getInputArguments(), DirectoryImportBenchmark.loadAverage());
            dir = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body())
                    .post("/api/v1/directories").then().statusCode(201).extract().path("id");
            measureFull(dir);
            measureIncremental(dir);
        } finally {
            if (dir != null) {
                removeFromDatabase(UUID.fromString(dir));
            }
            script("stop", DIR.toString());
            deleteTree(DIR);
        }
    }

    String body() {
        List<String> ous = new ArrayList<>();
        for (int i = 0; i < OUS; i++) {
            ous.add("\"" + ou(i) + "\"");
        }
        return """
                {"name": "%s", "url": "ldap://127.0.0.1:%d", "bindDn": "%s", "bindPassword": "%s", "baseDn": "%s",
                 "userFilter": "(objectClass=inetOrgPerson)", "scopeOus": [%s], "poolSize": 4,
                 "mapping": {"usernameAttribute": "uid", "orgSource": "OU"},
                 "schedule": {"incrementalIntervalSeconds": 3600, "fullIntervalSeconds": 86400, "enabled": false}}"""
                .formatted(prefix, PORT, ADMIN_DN, ADMIN_PASSWORD, BASE_DN, String.join(", ", ous));
    }

    String ou(int i) {
        return "ou=" + prefix + i + "," + BASE_DN;
    }

    String uid(int n) {
        return prefix + "-" + n;
    }

    String userDn(int n) {
        return "uid=" + uid(n) + "," + ou(n % OUS);
    }

    void measureFull(String dir) throws Exception {
        HeapWatch heap = new HeapWatch();
        try (EventCounter events = new EventCounter(dir)) {
            heap.start();
            Instant t0 = Instant.now();
            JsonPath full = await(dir, DirectoryImportBenchmark.start(dir, "FULL"));
            Duration importTime = Duration.between(t0, Instant.now());
            heap.stop();
            int stored = full.getInt("usersChanged");
            Duration published = events.awaitCount(stored, t0, Duration.ofMinutes(20));
            Log.infof("BENCH full import of %d users: %d seen, %d stored, %d errors, state %s, import %d ms = %.0f users/s; "
                            + "%d events on the topic after %d ms = %.0f users/s end to end; load %s",
                    USERS, full.getInt("usersSeen"), stored, full.getInt("errors"), full.getString("state"),
                    importTime.toMillis(), stored / (importTime.toMillis() / 1000.0), events.count(), published.toMillis(),
                    events.count() / (published.toMillis() / 1000.0), DirectoryImportBenchmark.loadAverage());
            Log.infof("BENCH heap during the full import of %d users (max %d MB): live before %d MB; old generation after a "
                            + "collection, sampled every 100 ms: peak %d MB; heap after a major collection: peak %d MB over %d major "
                            + "collections; heap after any collection: peak %d MB over %d collections",
                    USERS, Runtime.getRuntime().maxMemory() >> 20, heap.liveBefore >> 20, heap.oldPeak.get() >> 20,
                    heap.afterMajorPeak.get() >> 20, heap.majors.get(), heap.afterAnyPeak.get() >> 20, heap.collections.get());
        }
    }

    void measureIncremental(String dir) throws Exception {
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", PORT, ADMIN_DN, ADMIN_PASSWORD)) {
            int step = Math.max(1, USERS / CHANGED);
            int changed = 0;
            for (int n = 0; n < USERS && changed < CHANGED; n += step, changed++) {
                ldap.modify(userDn(n), new Modification(ModificationType.REPLACE, "mail", "changed-" + n + "@bench.example"));
            }
            Instant t0 = Instant.now();
            JsonPath inc = await(dir, DirectoryImportBenchmark.start(dir, "INCREMENTAL"));
            long took = Duration.between(t0, Instant.now()).toMillis();
            Log.infof("BENCH incremental import after %d of %d users changed: %d seen, %d changed, %d deleted, state %s, %d ms; load %s",
                    changed, USERS, inc.getInt("usersSeen"), inc.getInt("usersChanged"), inc.getInt("usersDeleted"),
                    inc.getString("state"), took, DirectoryImportBenchmark.loadAverage());
        }
    }

    static JsonPath await(String dir, String importId) {
        while (true) {
            JsonPath run = given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories/" + dir + "/imports/" + importId)
                    .then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("state"))) {
                return run;
            }
            DirectoryImportBenchmark.sleep(200);
        }
    }

    // ------------------------------------------------------------------ the directory

    /** Starts slapd once (configuration and suffix), stops it, loads the users offline with slapadd, starts it again. */
    Duration loadDirectory() throws IOException {
        script("stop", DIR.toString());
        deleteTree(DIR);
        script("start", DIR.toString(), Integer.toString(PORT));
        script("stop", DIR.toString());
        Path ldif = DIR.resolve("users.ldif");
        writeLdif(ldif);
        Instant t0 = Instant.now();
        run(List.of("slapadd", "-q", "-f", DIR.resolve("slapd.conf").toString(), "-l", ldif.toString()));
        Duration took = Duration.between(t0, Instant.now());
        Files.delete(ldif);
        script("start", DIR.toString(), Integer.toString(PORT));
        return took;
    }

    /**
     * OUs and users as a directory filled over the day before the last hour: entry n stamped (createTimestamp,
     * modifyTimestamp, entryCSN) at 25 h ago plus n/USERS of a day, so the change mark of the full import (the newest
     * change minus the import's duration) leaves only the users changed afterwards, and a few of the last loaded, to
     * the incremental one. slapadd adds entryUUID.
     */
    void writeLdif(Path ldif) throws IOException {
        Instant first = Instant.now().minus(Duration.ofHours(25));
        DateTimeFormatter seconds = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
        try (BufferedWriter out = Files.newBufferedWriter(ldif, StandardCharsets.UTF_8)) {
            for (int i = 0; i < OUS; i++) {
                out.write("dn: " + ou(i) + "\nobjectClass: organizationalUnit\nou: " + prefix + i + "\n" + stamps(seconds, first) + "\n");
            }
            for (int n = 0; n < USERS; n++) {
                String uid = uid(n);
                Instant at = first.plusMillis(Duration.ofDays(1).toMillis() * n / USERS);
                out.write("dn: " + userDn(n) + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: Given" + n + " Sur" + n
                        + "\nsn: Sur" + n + "\ngivenName: Given" + n + "\nmail: " + uid + "@bench.example\n" + stamps(seconds, at) + "\n");
            }
        }
    }

    static String stamps(DateTimeFormatter seconds, Instant at) {
        String time = seconds.format(at);
        return "createTimestamp: " + time + "Z\nmodifyTimestamp: " + time + "Z\nentryCSN: " + time + "."
                + String.format("%06d", at.getNano() / 1000) + "Z#000000#000#000000\n";
    }

    static void script(String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        run(command);
    }

    static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("OPENLDAP_MAXSIZE", Long.toString(Math.max(100L << 20, USERS * 10_000L)));
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The benchmark's directory, its imports, its users and any of their events still waiting in the outbox. */
    static void removeFromDatabase(UUID dir) {
        int outbox = Db.update("delete from outbox_message where payload like ?", "%\"directoryId\":\"" + dir + "\"%");
        int users = Db.update("delete from directory_user where directory_id = ?", dir);
        Db.update("delete from directory_import where directory_id = ?", dir);
        Db.update("delete from directory where id = ?", dir);
        Log.infof("BENCH removed directory %s: %d users, %d events still in the outbox", dir, users, outbox);
    }

    // ------------------------------------------------------------------ measuring

    /**
     * The heap actually live: the old generation's usage after its last collection, read every 100 ms, and the heap
     * after each collection (GC notifications); a major collection's figure is what survived it, young and old.
     */
    static final class HeapWatch {
        final AtomicLong oldPeak = new AtomicLong();
        final AtomicLong afterMajorPeak = new AtomicLong();
        final AtomicLong afterAnyPeak = new AtomicLong();
        final AtomicInteger majors = new AtomicInteger();
        final AtomicInteger collections = new AtomicInteger();
        long liveBefore;
        private final List<MemoryPoolMXBean> old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                        && (p.getName().contains("Old") || p.getName().contains("Tenured")))
                .toList();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final NotificationListener listener = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                    .filter(e -> isHeap(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
            collections.incrementAndGet();
            afterAnyPeak.accumulateAndGet(after, Math::max);
            if (info.getGcAction().contains("major")) {
                majors.incrementAndGet();
                afterMajorPeak.accumulateAndGet(after, Math::max);
            }
        };

        static boolean isHeap(String pool) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .anyMatch(p -> p.getName().equals(pool) && p.getType() == MemoryType.HEAP);
        }

        void start() {
            System.gc();
            liveBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(listener, null, null);
                    emitters.add(emitter);
                }
            }
            sampler.scheduleAtFixedRate(() -> old.forEach(p -> {
                MemoryUsage usage = p.getCollectionUsage();
                if (usage != null) {
                    oldPeak.accumulateAndGet(usage.getUsed(), Math::max);
                }
            }), 0, 100, TimeUnit.MILLISECONDS);
        }

        void stop() throws Exception {
            sampler.shutdownNow();
            for (NotificationEmitter emitter : emitters) {
                emitter.removeNotificationListener(listener);
            }
        }
    }

    /**
     * Counts this directory's events on the topic as they arrive, on a thread of its own from its opening, keeping none
     * (a probe keeps every record, which would weigh on the measured heap).
     */
    static final class EventCounter implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final String marker;
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong lastMillis = new AtomicLong();
        private final Thread reader;
        private volatile boolean open = true;

        EventCounter(String dir) {
            marker = "\"directoryId\":\"" + dir + "\"";
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TopicProbe.BOOTSTRAP);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(1 << 20)); // small: it shares the measured heap
            props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(256 << 10));
            consumer = new KafkaConsumer<>(props);
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DIRECTORY_USERS, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(Topics.DIRECTORY_USERS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                while (open) {
                    consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                        if (r.value() != null && r.value().contains(marker)) {
                            count.incrementAndGet();
                            lastMillis.set(System.currentTimeMillis());
                        }
                    });
                }
                consumer.close(Duration.ofSeconds(2));
            }, "bench-event-counter");
            reader.start();
        }

        /** Waits until {@code expected} events arrived (or the timeout); the time from {@code t0} to the last one. */
        Duration awaitCount(long expected, Instant t0, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (count.get() < expected && Instant.now().isBefore(deadline)) {
                DirectoryImportBenchmark.sleep(50);
            }
            long last = lastMillis.get();
            return Duration.between(t0, last == 0 ? Instant.now() : Instant.ofEpochMilli(last));
        }

        long count() {
            return count.get();
        }

        @Override
        public void close() throws InterruptedException {
            open = false;
            reader.join(5000);
        }
    }
}
