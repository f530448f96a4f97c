package io.sequent.e2e;

import io.sequent.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * PostgreSQL, Redis and a Kafka broker of the fault suite's own, on ports next to the shared ones
 * (15432, 16379, 19092/19093 by default), so its tests may stop and restart them while other builds
 * keep using the shared instances. Everything lives under {@code e2e-tests/target/fault} and is made
 * anew at each start: a fresh cluster, a freshly formatted broker with the topics deploy/local/infra.sh
 * makes (same names, partitions and cleanup policies), an empty Redis.
 *
 * <p>The broker runs from the jars deploy/local/kafka/pom.xml names, fetched with Maven as infra.sh
 * does; PostgreSQL from Debian's {@code /usr/lib/postgresql/<version>/bin} as the postgres user
 * ({@code runuser}, the tests run as root), trust authentication, the roles and databases of the
 * shared cluster's e2e twins.
 */
final class FaultInfra {

    /** Topic, partitions, cleanup policy: as deploy/local/infra.sh creates them. */
    private static final List<Object[]> TOPICS = List.of(
            new Object[] {Topics.DIRECTORY_USERS, 6, "compact"},
            new Object[] {Topics.POLICY_CHANGES, 1, "compact"},
            new Object[] {Topics.FACTOR_EVENTS, 6, "delete"},
            new Object[] {Topics.AUTH_EVENTS, 6, "delete"},
            new Object[] {Topics.NOTIFICATIONS_OUTBOUND, 3, "delete"});
    /** Owner role of each service database (the role's name), as in deploy/local/infra.sh. */
    private static final List<String> DATABASES = List.of("sequent_policy", "sequent_factor", "sequent_directory");
    private static final String PG_USER = "postgres";

    private final Path dir;
    private final int kafkaPort;
    private final int controllerPort;
    private final int redisPort;
    private final int pgPort;
    private Process kafka;
    private Process redis;
    private boolean pgRunning;

    private FaultInfra(Path dir) {
        this.dir = dir;
        String bootstrap = Suite.KAFKA;
        this.kafkaPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        this.controllerPort = kafkaPort + 1;
        this.redisPort = Suite.REDIS_PORT;
        this.pgPort = Suite.PG_PORT;
    }

    /** Starts the three, fresh; refuses to touch the shared instances' ports. */
    static FaultInfra start(Path dir) {
        FaultInfra infra = new FaultInfra(dir);
        for (int port : List.of(infra.kafkaPort, infra.controllerPort, infra.redisPort, infra.pgPort)) {
            if (port == 9092 || port == 9093 || port == 6379 || port == 5432) {
                throw new IllegalStateException("the fault suite must not run on the shared infrastructure's port " + port
                        + ": set -Dsequent.e2e.redis-port, -Dsequent.e2e.pg-port and -Dkafka.bootstrap.servers (the fault profile does)");
            }
        }
        try {
            infra.startPostgres();
            infra.startRedis();
            infra.startKafka(true);
            return infra;
        } catch (RuntimeException e) {
            infra.stop();
            throw e;
        }
    }

    // ------------------------------------------------------------------ Kafka

    /** Starts the broker on its data; {@code fresh} formats new storage and creates the topics. */
    private void startKafka(boolean fresh) {
        Path home = dir.resolve("kafka");
        Path libs = home.resolve("libs");
        Path data = home.resolve("data");
        try {
            if (!Files.isDirectory(libs) || !Files.exists(libs.resolve(".complete"))) {
                fetchKafkaLibs(libs);
            }
            Path config = home.resolve("server.properties");
            if (fresh) {
                deleteTree(data);
                Files.createDirectories(data);
                Files.writeString(config, """
                        node.id=1
                        process.roles=broker,controller
                        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                        inter.broker.listener.name=PLAINTEXT
                        controller.listener.names=CONTROLLER
                        controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                        log.dirs=%3$s
                        num.partitions=1
                        default.replication.factor=1
                        offsets.topic.replication.factor=1
                        offsets.topic.num.partitions=6
                        transaction.state.log.replication.factor=1
                        transaction.state.log.min.isr=1
                        share.coordinator.state.topic.replication.factor=1
                        share.coordinator.state.topic.min.isr=1
                        group.initial.rebalance.delay.ms=0
                        auto.create.topics.enable=false
                        """.formatted(kafkaPort, controllerPort, data));
                Files.writeString(home.resolve("log4j2.properties"), """
                        rootLogger.level=INFO
                        rootLogger.appenderRef.out.ref=out
                        appender.out.type=Console
                        appender.out.name=out
                        appender.out.layout.type=PatternLayout
                        appender.out.layout.pattern=[%d] %p %m (%c)%n
                        logger.statechange.name=state.change.logger
                        logger.statechange.level=WARN
                        logger.configdump.name=org.apache.kafka.common.config.AbstractConfig
                        logger.configdump.level=WARN
                        """);
                run(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                        "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"), "-cp", libs + "/*",
                        "kafka.tools.StorageTool", "format", "--standalone", "-c", config.toString(),
                        "-t", Uuid.randomUuid().toString()), home.resolve("format.log"), Duration.ofMinutes(3));
            }
            requireFree(kafkaPort, "Kafka");
            requireFree(controllerPort, "Kafka's controller");
            kafka = new ProcessBuilder(javaBin(), "-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties"), "-cp", libs + "/*",
                    "kafka.Kafka", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("kafka.log").toFile()))
                    .start();
            awaitKafka(Duration.ofSeconds(180));
            if (fresh) {
                createTopics();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** deploy/local/kafka/pom.xml's jars into {@code libs}, with this checkout's Maven wrapper (as infra.sh does). */
    private void fetchKafkaLibs(Path libs) throws IOException {
        deleteTree(libs);
        Path root = Suite.root();
        run(List.of(root.resolve("mvnw").toString(), "-q", "-B", "-f", root.resolve("deploy/local/kafka/pom.xml").toString(),
                "-Dkafka.libs=" + libs, "package"), dir.resolve("kafka-libs.log"), Duration.ofMinutes(8));
        Files.writeString(libs.resolve(".complete"), "fetched by the fault suite\n");
    }

    private void awaitKafka(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!kafka.isAlive()) {
                throw new IllegalStateException("the fault suite's Kafka exited with " + kafka.exitValue() + "; see "
                        + dir.resolve("kafka/kafka.log"));
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = new IllegalStateException(e);
                Suite.sleep(500);
            }
        }
        throw new IllegalStateException("the fault suite's Kafka did not answer within " + timeout, last);
    }

    private void createTopics() {
        List<NewTopic> topics = new ArrayList<>();
        for (Object[] t : TOPICS) {
            topics.add(new NewTopic((String) t[0], (Integer) t[1], (short) 1).configs(Map.of("cleanup.policy", (String) t[2])));
        }
        try (Admin admin = admin()) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics on the fault suite's Kafka", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Suite.KAFKA,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000));
    }

    /** Stops the broker (SIGTERM: a controlled shutdown, as an orchestrator does); its data stays. */
    void stopKafka() {
        if (kafka != null) {
            terminate(kafka, Duration.ofSeconds(90));
            kafka = null;
        }
    }

    /** Starts the broker stopped by {@link #stopKafka()} again on the same data, and waits until it answers. */
    void restartKafka() {
        startKafka(false);
    }

    // ------------------------------------------------------------------ Redis

    private void startRedis() {
        try {
            Path home = dir.resolve("redis");
            Files.createDirectories(home);
            requireFree(redisPort, "Redis");
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", home.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("redis.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server (Debian's redis-server package)", e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!redisAnswers()) {
            if (!redis.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the fault suite's Redis did not answer PING on " + redisPort + "; see "
                        + dir.resolve("redis/redis.log"));
            }
            Suite.sleep(100);
        }
    }

    private boolean redisAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops Redis and starts it again, empty (no persistence: what a restarted cache node holds). */
    void restartRedis() {
        if (redis != null) {
            terminate(redis, Duration.ofSeconds(30));
        }
        startRedis();
    }

    // ------------------------------------------------------------------ PostgreSQL

    private Path pgBin(String tool) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Path bin = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D.*", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries in /usr/lib/postgresql"));
            return bin.resolve("bin").resolve(tool);
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server binaries (Debian's postgresql package)", e);
        }
    }

    private List<String> asPostgres(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", PG_USER, "--", pgBin(tool).toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Path pgData() {
        return dir.resolve("pg/data");
    }

    private void startPostgres() {
        Path home = dir.resolve("pg");
        try {
            if (Files.exists(pgData().resolve("postmaster.pid"))) {
                // a cluster an interrupted run left running
                run(asPostgres("pg_ctl", "-D", pgData().toString(), "-m", "immediate", "-w", "stop"), home.resolve("pg_ctl.log"),
                        Duration.ofSeconds(60), true);
            }
            deleteTree(home);
            Files.createDirectories(home.resolve("socket"));
            run(List.of("chown", "-R", PG_USER + ":" + PG_USER, home.toString()), dir.resolve("chown.log"), Duration.ofSeconds(30));
            run(asPostgres("initdb", "-D", pgData().toString(), "-A", "trust", "-U", PG_USER, "-E", "UTF8", "--no-locale", "--no-sync"),
                    home.resolve("initdb.log"), Duration.ofMinutes(3));
            requireFree(pgPort, "PostgreSQL");
            pgCtl("start");
            for (String db : DATABASES) { // one statement a call: CREATE DATABASE refuses a transaction block
                psql("CREATE ROLE " + db + " LOGIN PASSWORD '" + db + "'");
                psql("CREATE DATABASE " + db + "_e2e OWNER " + db);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pgCtl(String action, String... extra) {
        List<String> args = new ArrayList<>(List.of("-D", pgData().toString(), "-l", dir.resolve("pg/postgres.log").toString(),
                "-w", "-t", "120", "-o", "-p " + pgPort + " -c listen_addresses=127.0.0.1 -k " + dir.resolve("pg/socket")
                        + " -c fsync=off -c max_connections=100"));
        args.addAll(List.of(extra));
        args.add(action);
        run(asPostgres("pg_ctl", args.toArray(String[]::new)), dir.resolve("pg/pg_ctl.log"), Duration.ofMinutes(3));
        pgRunning = !action.equals("stop");
    }

    /** Runs SQL as the superuser of the private cluster; its output (unaligned, tuples only). */
    String psql(String sql) {
        return psql("postgres", sql);
    }

    /** Runs SQL in {@code database} as the superuser of the private cluster; its output (unaligned, tuples only). */
    String psql(String database, String sql) {
        Path out = dir.resolve("pg/psql.out");
        run(asPostgres("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(pgPort),
                "-d", database, "-c", sql), out, Duration.ofSeconds(60));
        try {
            return Files.readString(out).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pg_ctl restart -m fast}: every connection is closed, the cluster comes back on its data. */
    void restartPostgres() {
        pgCtl("restart", "-m", "fast");
    }

    /** Stops PostgreSQL ({@code -m fast}); {@link #startPostgresAgain()} brings it back. */
    void stopPostgres() {
        pgCtl("stop", "-m", "fast");
    }

    void startPostgresAgain() {
        pgCtl("start");
    }

    // ------------------------------------------------------------------ all

    synchronized void stop() {
        if (kafka != null) {
            terminate(kafka, Duration.ofSeconds(60));
            kafka = null;
        }
        if (redis != null) {
            terminate(redis, Duration.ofSeconds(20));
            redis = null;
        }
        if (pgRunning || Files.exists(pgData().resolve("postmaster.pid"))) {
            try {
                run(asPostgres("pg_ctl", "-D", pgData().toString(), "-m", "fast", "-w", "stop"), dir.resolve("pg/pg_ctl.log"),
                        Duration.ofSeconds(60), true);
            } catch (RuntimeException e) {
                System.err.println("stopping the fault suite's PostgreSQL: " + e.getMessage());
            }
            pgRunning = false;
        }
    }

    private static void requireFree(int port, String what) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            throw new IllegalStateException(what + ": something already listens on 127.0.0.1:" + port
                    + " (a fault suite interrupted earlier?); stop it first");
        } catch (IOException free) {
            // nothing there
        }
    }

    private static void run(List<String> command, Path log, Duration timeout) {
        run(command, log, timeout, false);
    }

    private static void run(List<String> command, Path log, Duration timeout, boolean mayFail) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + "; see " + log);
            }
            if (process.exitValue() != 0 && !mayFail) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ": "
                        + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(see " + log + ")";
        }
    }

    private static void terminate(Process process, Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
