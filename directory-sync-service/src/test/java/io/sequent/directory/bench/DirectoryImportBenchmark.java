package io.sequent.directory.bench;

import static io.restassured.RestAssured.given;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.events.Topics;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures (never asserts) import speed against the real sample directory, end to end into PostgreSQL and
 * Kafka. Not part of the normal build: run it after seeding 10,000 users under their own prefix and OUs:
 * <pre>
 *   SEED_PREFIX=bench SEED_ORGS="benchacme benchglobex" deploy/local/directory/seed.sh 10000
 *   ./mvnw -B verify -pl directory-sync-service -Dgroups=benchmark -DexcludedGroups= -Dtest=DirectoryImportBenchmark
 * </pre>
 * Results go to the log as lines starting with "BENCH".
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@Tag("benchmark")
class DirectoryImportBenchmark {

    static final String BASE = "DC=corp,DC=example,DC=test";
    static final String PREFIX = System.getProperty("bench.prefix", "bench");
    static final List<String> OUS = List.of("OU=" + PREFIX + "acme," + BASE, "OU=" + PREFIX + "globex," + BASE);

    static String body(String name, int incrementalSeconds, boolean scheduled) {
        return """
                {"name": "%s", "url": "ldap://127.0.0.1:389", "bindDn": "CN=Administrator,CN=Users,%s",
                 "bindPassword": "Adm1n-Passw0rd", "baseDn": "%s", "scopeOus": ["%s", "%s"], "poolSize": 4,
                 "mapping": {"groupRoles": [{"group": "%sacme-Admins", "role": "admin"}, {"group": "%sglobex-Admins", "role": "admin"}]},
                 "schedule": {"incrementalIntervalSeconds": %d, "fullIntervalSeconds": 86400, "enabled": %s}}"""
                .formatted(name, BASE, BASE, OUS.get(0), OUS.get(1), PREFIX, PREFIX, incrementalSeconds, scheduled);
    }

    static JsonPath await(String dir, String importId) {
        while (true) {
            JsonPath run = given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories/" + dir + "/imports/" + importId)
                    .then().extract().jsonPath();
            if (!"RUNNING".equals(run.getString("state"))) {
                return run;
            }
            sleep(20);
        }
    }

    static String start(String dir, String kind) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"kind\": \"" + kind + "\"}")
                .post("/api/v1/directories/" + dir + "/imports").then().statusCode(202).extract().path("id");
    }

    /** Runs of the import measurements in this JVM (the first one also warms the JIT); best and median are logged. */
    static final int RUNS = Integer.getInteger("bench.runs", 3);

    @Test
    void measureFullReimportIncrementalAndDisableToEvent() throws Exception {
        List<Double> fullRates = new ArrayList<>();
        List<Long> reimports = new ArrayList<>();
        List<Long> incrementals = new ArrayList<>();
        String name = null;
        String dir = null;
        for (int run = 1; run <= RUNS; run++) {
            name = PREFIX + "-" + System.currentTimeMillis();
            dir = measureImports(run, name, fullRates, reimports, incrementals);
        }
        Log.infof("BENCH summary over %d runs (load %s): full import best %.0f users/s, median %.0f users/s; "
                        + "re-import unchanged best %d ms, median %d ms; incremental of 500 best %d ms, median %d ms",
                RUNS, loadAverage(), Collections.max(fullRates), median(fullRates), Collections.min(reimports),
                median(reimports), Collections.min(incrementals), median(incrementals));
        measureDisableToEvent(name, dir);
    }

    static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static String measureImports(int run, String name, List<Double> fullRates, List<Long> reimports, List<Long> incrementals)
            throws Exception {
        // a fresh start: earlier runs' bench users leave the way (test data only, no events)
        io.sequent.directory.it.Db.update("update directory_user set status = 'DELETED' where source = 'DIRECTORY' "
                + "and username like ? and status <> 'DELETED'", PREFIX + "%");
        io.sequent.directory.it.Db.update("update directory set schedule_enabled = false where name like ?", PREFIX + "-%");
        String dir = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body(name, 1, false))
                .post("/api/v1/directories").then().statusCode(201).extract().path("id");

        // peak heap of the service while importing (the app runs in this JVM)
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 20, TimeUnit.MILLISECONDS);
        System.gc();
        long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int users;
        try (TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            Instant t0 = Instant.now();
            JsonPath full = await(dir, start(dir, "FULL"));
            Duration importTime = Duration.between(t0, Instant.now());
            users = full.getInt("usersChanged");
            // end to end: until the last created event of this directory is on the topic
            long onTopic = 0;
            Instant deadline = Instant.now().plusSeconds(300);
            while (onTopic < users && Instant.now().isBefore(deadline)) {
                String marker = "\"directoryId\":\"" + dir + "\"";
                onTopic = probe.drain(Duration.ofMillis(200)).stream().filter(r -> r.value().contains(marker)).count();
            }
            Duration endToEnd = Duration.between(t0, Instant.now());
            double rate = users / (importTime.toMillis() / 1000.0);
            fullRates.add(rate);
            Log.infof("BENCH run %d full import: %d users seen, %d stored, state %s, import %d ms = %.0f users/s; "
                            + "all %d events on the topic after %d ms = %.0f users/s end to end; service reported %.0f users/s; load %s",
                    run, full.getInt("usersSeen"), users, full.getString("state"), importTime.toMillis(), rate, onTopic,
                    endToEnd.toMillis(), onTopic / (endToEnd.toMillis() / 1000.0), full.getDouble("usersPerSecond"), loadAverage());
        } finally {
            sampler.shutdownNow();
        }
        Log.infof("BENCH run %d heap: before %d MB, peak during the full import %d MB (JVM shared with the test)",
                run, heapBefore >> 20, peakHeap.get() >> 20);

        Instant r0 = Instant.now();
        JsonPath again = await(dir, start(dir, "FULL"));
        long reimport = Duration.between(r0, Instant.now()).toMillis();
        reimports.add(reimport);
        Log.infof("BENCH run %d re-import with nothing changed: %d seen, %d changed, %d ms",
                run, again.getInt("usersSeen"), again.getInt("usersChanged"), reimport);

        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", 389, "CN=Administrator,CN=Users," + BASE, "Adm1n-Passw0rd")) {
            List<String> dns = new ArrayList<>();
            ldap.search(OUS.get(0), SearchScope.ONE, "(&(objectClass=user)(sAMAccountName=" + PREFIX + "*))", "1.1")
                    .getSearchEntries().stream().limit(500).forEach(e -> dns.add(e.getDN()));
            // 500 changed users, then one incremental import
            await(dir, start(dir, "INCREMENTAL"));
            String title = "Bench " + System.currentTimeMillis();
            for (String dn : dns) {
                ldap.modify(dn, new Modification(ModificationType.REPLACE, "title", title),
                        new Modification(ModificationType.REPLACE, "mail", "changed-" + System.nanoTime() + "@bench.example"));
            }
            Instant i0 = Instant.now();
            JsonPath inc = await(dir, start(dir, "INCREMENTAL"));
            long incremental = Duration.between(i0, Instant.now()).toMillis();
            incrementals.add(incremental);
            Log.infof("BENCH run %d incremental of 500 changed users: %d seen, %d changed, %s, %d ms; load %s",
                    run, inc.getInt("usersSeen"), inc.getInt("usersChanged"), inc.getString("state"), incremental, loadAverage());
        }
        return dir;
    }

    static void measureDisableToEvent(String name, String dir) throws Exception {
        try (LDAPConnection ldap = new LDAPConnection("127.0.0.1", 389, "CN=Administrator,CN=Users," + BASE, "Adm1n-Passw0rd")) {
            List<String> dns = new ArrayList<>();
            ldap.search(OUS.get(1), SearchScope.ONE, "(&(objectClass=user)(sAMAccountName=" + PREFIX + "*))", "1.1")
                    .getSearchEntries().stream().limit(20).forEach(e -> dns.add(e.getDN()));

            // disable-to-event latency with the scheduled incremental import (interval 1 s)
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(body(name, 1, true).replace("\"bindPassword\": \"Adm1n-Passw0rd\",", ""))
                    .put("/api/v1/directories/" + dir).then().statusCode(200);
            List<Long> latencies = new ArrayList<>();
            try (TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
                for (int i = 0; i < 20; i++) {
                    String dn = dns.get(i);
                    String cn = dn.substring(3, dn.indexOf(','));
                    Instant d0 = Instant.now();
                    ldap.modify(dn, new Modification(ModificationType.REPLACE, "userAccountControl", "514"));
                    Instant deadline = d0.plusSeconds(60);
                    boolean seen = false;
                    while (!seen && Instant.now().isBefore(deadline)) {
                        seen = probe.drain(Duration.ofMillis(20)).stream().anyMatch(r -> r.value().contains("directory.user.disabled")
                                && r.value().contains("\"username\":\"" + cn + "\""));
                    }
                    latencies.add(seen ? Duration.between(d0, Instant.now()).toMillis() : -1);
                    ldap.modify(dn, new Modification(ModificationType.REPLACE, "userAccountControl", "512"));
                    sleep(300 + (i * 97) % 700); // spread the tries over the interval
                }
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            Log.infof("BENCH disable-to-event over %d tries (incremental interval 1 s): p50 %d ms, p99 %d ms, max %d ms, all %s",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                    sorted.get(sorted.size() - 1), latencies);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(body(name, 1, false).replace("\"bindPassword\": \"Adm1n-Passw0rd\",", ""))
                    .put("/api/v1/directories/" + dir).then().statusCode(200);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
