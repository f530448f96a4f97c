package io.sequent.e2e;

import io.sequent.events.Topics;
import io.sequent.testing.TopicProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The four packaged services, started as separate JVMs in their production profile against the real
 * PostgreSQL, Redis and Kafka, on their own ports (18080-18083, so a running demo is not disturbed),
 * with databases of their own ({@code sequent_<x>_e2e}), Redis database 2 and consumer groups of their own. auth-flow is the token
 * issuer, as in production: the others find its keys by OIDC discovery. One suite per test JVM.
 *
 * <p>System properties move a second suite elsewhere: {@code sequent.e2e.port-base} (the four ports),
 * {@code sequent.e2e.redis-port}, {@code sequent.e2e.pg-port}, {@code kafka.bootstrap.servers} and
 * {@code sequent.e2e.logs} (the folder under {@code e2e-tests/target}). With {@code sequent.e2e.fault=true}
 * the suite first starts private PostgreSQL, Redis and Kafka instances on those ports ({@link FaultInfra})
 * that the fault-tolerance tests may stop and restart.
 */
final class Suite {

    enum Service {
        AUTH_FLOW("auth-flow-service", 0, null),
        POLICY("policy-service", 1, "sequent_policy"),
        FACTOR("factor-service", 2, "sequent_factor"),
        DIRECTORY_SYNC("directory-sync-service", 3, "sequent_directory");

        final String module;
        final int port;
        final String database;

        Service(String module, int offset, String database) {
            this.module = module;
            // -Dsequent.e2e.port-base moves the four ports (two suites on one machine)
            this.port = Integer.getInteger("sequent.e2e.port-base", 18080) + offset;
            this.database = database;
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** The suite whose infrastructure is its own (private PostgreSQL, Redis, Kafka), which its tests may stop. */
    static final boolean FAULT = Boolean.getBoolean("sequent.e2e.fault");
    static final int REDIS_PORT = Integer.getInteger("sequent.e2e.redis-port", 6379);
    static final int PG_PORT = Integer.getInteger("sequent.e2e.pg-port", 5432);
    static final String KAFKA = TopicProbe.BOOTSTRAP;
    static final String LOG_DIR = System.getProperty("sequent.e2e.logs", "e2e-logs");
    static final int REDIS_DB = 2;
    /**
     * The key policy-service publishes this suite's snapshots under and auth-flow follows (demo: {@code environment}),
     * new for every suite: the compacted policy topic keeps the last snapshot of earlier runs, and after the e2e
     * databases were emptied (deploy/local/test.sh does) policy-service counts versions from 1 again, so auth-flow
     * would keep an old run's higher-numbered snapshot in force and ignore this run's.
     */
    static final String SNAPSHOT_SUBJECT = "environment-e2e-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    /** factor-service's key for secrets at rest, new for every suite. */
    private static final String FACTOR_KEY = randomKey();
    /** directory-sync's key for directory bind secrets, new for every suite. */
    private static final String DIRECTORY_KEY = randomKey();
    private static Suite instance;

    static final String ISSUER = Service.AUTH_FLOW.url();
    /** The hosted page's origin for WebAuthn, whose relying party id is {@code localhost}. */
    static final String WEBAUTHN_ORIGIN = "http://localhost:" + Service.AUTH_FLOW.port;
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final Path logs;
    /** The private infrastructure of a fault suite; null on the shared one. */
    private FaultInfra infra;

    private Suite(Path logs) {
        this.logs = logs;
    }

    static synchronized Suite get() {
        if (instance == null) {
            Suite suite = new Suite(root().resolve("e2e-tests/target").resolve(LOG_DIR));
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stop));
            suite.start();
            instance = suite;
        }
        return instance;
    }

    static Path root() {
        return Path.of(System.getProperty("sequent.root", "..")).toAbsolutePath().normalize();
    }

    private void start() {
        try {
            Files.createDirectories(logs);
            if (FAULT) {
                infra = FaultInfra.start(root().resolve("e2e-tests/target/fault"));
            }
            // Consumer groups of the e2e suite's own, kept from run to run: a new group would first read the
            // whole shared users topic (every test run's users), minutes on a busy machine. Only one suite
            // runs at a time (the ports are fixed), and each scenario makes users of its own.
            String groupSuffix = GROUP_SUFFIX;
            // and they start at the end of the users topic: what is there already belongs to earlier runs
            skipHistory(Topics.DIRECTORY_USERS, "sequent-auth-flow-users" + groupSuffix, "sequent-factor-users" + groupSuffix);
            skipHistory(Topics.FACTOR_EVENTS, "sequent-auth-flow-factors" + groupSuffix);
            for (Service service : Service.values()) {
                launch(service, false);
                if (service == Service.AUTH_FLOW) {
                    awaitReady(service, Duration.ofSeconds(180)); // the issuer first: the others discover it
                }
            }
            for (Service service : Service.values()) {
                awaitReady(service, Duration.ofSeconds(120));
            }
            // factor-service's readiness does not wait for its users table to catch up with the users topic
            // (auth-flow's does): wait for what was published while the services started
            awaitCaughtUp("sequent-factor-users" + groupSuffix, Topics.DIRECTORY_USERS, Duration.ofSeconds(120));
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private static final String GROUP_SUFFIX = "-e2e";

    /** Starts {@code service}'s jar; its log is started anew, or continued after a {@link #restart}. */
    private void launch(Service service, boolean again) throws IOException {
        Path jar = root().resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify builds them before this module)");
        }
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx192m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + service.port,
                // policy snapshots of an environment of their own: the broker is shared with a running demo
                "-Dsequent.policy.snapshot-subject=" + SNAPSHOT_SUBJECT,
                "-jar", jar.toString()));
        java.io.File log = logs.resolve(service.module + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
        Map<String, String> env = builder.environment();
        env.put("SEQUENT_ISSUER", ISSUER);
        env.put("SEQUENT_ISSUER_URL", ISSUER);
        env.put("SEQUENT_PUBLIC_URL", ISSUER);
        env.put("SEQUENT_FACTOR_URL", Service.FACTOR.url());
        env.put("SEQUENT_DIRECTORY_URL", Service.DIRECTORY_SYNC.url());
        env.put("SEQUENT_REDIS_URL", "redis://127.0.0.1:" + REDIS_PORT + "/" + REDIS_DB);
        env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA);
        env.put("SEQUENT_GROUP_SUFFIX", GROUP_SUFFIX);
        env.put("SEQUENT_FACTOR_KEY", FACTOR_KEY);
        env.put("SEQUENT_DIRECTORY_SECRET_KEYS", "e2e:" + DIRECTORY_KEY);
        env.put("SEQUENT_DIRECTORY_SECRET_KEY_ID", "e2e");
        // the admin console, served by this suite's policy-service, signs in at auth-flow and calls its simulation
        env.put("SEQUENT_CONSOLE_REDIRECT_URIS", Service.POLICY.url() + "/console/");
        env.put("SEQUENT_CORS_ORIGINS", Service.POLICY.url());
        // WebAuthn needs a host name (an IP address is no relying party id): the hosted page's tests reach it as localhost
        env.put("SEQUENT_WEBAUTHN_RP_ID", "localhost");
        // the address a push device registers at, in the activation link factor-service hands out
        env.put("SEQUENT_DEVICE_URL", Service.FACTOR.url());
        env.put("SEQUENT_WEBAUTHN_ORIGINS", WEBAUTHN_ORIGIN);
        if (service.database != null) {
            env.put("SEQUENT_DB_REACTIVE_URL", "postgresql://127.0.0.1:" + PG_PORT + "/" + service.database + "_e2e");
            env.put("SEQUENT_DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + PG_PORT + "/" + service.database + "_e2e");
        }
        processes.put(service, builder.start());
    }

    /** Stops one service (SIGTERM, as an orchestrator does), e.g. to prove what its neighbours do without it. */
    synchronized void stop(Service service) {
        Process process = processes.get(service);
        if (process != null) {
            terminate(process);
        }
    }

    /** Starts a service stopped by {@link #stop(Service)} again, its log continued, and waits until it is ready. */
    synchronized void restart(Service service) {
        try {
            launch(service, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(service, Duration.ofSeconds(180));
    }

    /** The private infrastructure of a fault suite ({@code -Dsequent.e2e.fault=true}). */
    FaultInfra infra() {
        if (infra == null) {
            throw new IllegalStateException("this suite runs on the shared infrastructure, which no test may stop");
        }
        return infra;
    }

    /** Commits the current end of {@code topic} for each group (none of their consumers runs yet). */
    private static void skipHistory(String topic, String... groups) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicProbe.BOOTSTRAP))) {
            Map<TopicPartition, OffsetAndMetadata> ends = new LinkedHashMap<>();
            endOffsets(admin, topic).forEach((p, end) -> ends.put(p, new OffsetAndMetadata(end)));
            for (String group : groups) {
                // a suite killed a moment ago may still hold members until their session times out
                Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
                while (true) {
                    try {
                        admin.alterConsumerGroupOffsets(group, ends).all().get(15, TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException)
                                || Instant.now().isAfter(deadline)) {
                            throw e;
                        }
                        sleep(2000);
                    }
                }
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot move the e2e consumer groups to the end of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException, InterruptedException {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new LinkedHashMap<>();
        admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }

    /** Waits until {@code group} has committed, on every partition, the end offsets {@code topic} had now. */
    static void awaitCaughtUp(String group, String topic, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TopicProbe.BOOTSTRAP))) {
            Map<TopicPartition, Long> ends = endOffsets(admin, topic);
            Instant deadline = Instant.now().plus(timeout);
            long behind = Long.MAX_VALUE;
            while (Instant.now().isBefore(deadline)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                behind = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    behind += Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
                }
                if (behind == 0) {
                    return;
                }
                sleep(500);
            }
            throw new IllegalStateException(group + " is still " + behind + " records behind on " + topic + " after " + timeout);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Service service, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            Process process = processes.get(service);
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module + " exited with " + process.exitValue() + "; see "
                        + logs.resolve(service.module + ".log"));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(service.module + " not ready within " + timeout + ": " + last);
    }

    private synchronized void stop() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(Suite::terminate);
        processes.clear();
        if (infra != null) {
            infra.stop();
            infra = null;
        }
    }

    private static void terminate(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** An access token from auth-flow's token endpoint (client_credentials of a local-run client). */
    static String clientToken(String clientId, String secret) {
        return io.restassured.RestAssured.given().baseUri(ISSUER).auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials").post("/oauth2/v1/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static String cachedAdminToken;
    private static Instant adminTokenExpiry = Instant.MIN;

    /** An admin's access token (it lives 10 minutes; a new one is fetched after 5). */
    static synchronized String adminToken() {
        if (Instant.now().isAfter(adminTokenExpiry)) {
            cachedAdminToken = clientToken("admin-cli", "local-admin-secret");
            adminTokenExpiry = Instant.now().plus(Duration.ofMinutes(5));
        }
        return cachedAdminToken;
    }

    /** The next {@link #adminToken()} is a new one (after auth-flow lost its signing keys with an empty Redis). */
    static synchronized void forgetAdminToken() {
        adminTokenExpiry = Instant.MIN;
    }

    /** The log a service of this suite writes (JSON lines, production profile). */
    static Path log(Service service) {
        return root().resolve("e2e-tests/target").resolve(LOG_DIR).resolve(service.module + ".log");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
