package io.sequent.directory.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.Topics;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.time.Instant;
import java.util.function.Predicate;
import io.sequent.events.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Imports from the real sample directory into the real database, with events read back from the real topic. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class DirectoryImportTest {

    static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    /**
     * The first event of {@code type} about {@code username}. Reads through {@link TopicProbe#drain}, which keeps
     * every record polled ({@code TopicProbe.await} drops the rest of a poll batch once it finds a match).
     */
    static CloudEvent<?> awaitUserEvent(TopicProbe probe, String username, EventType type) {
        return awaitUserEvent(probe, username, type, EVENT_WAIT);
    }

    static CloudEvent<?> awaitUserEvent(TopicProbe probe, String username, EventType type, Duration wait) {
        Predicate<ConsumerRecord<String, String>> match = r -> r.value().contains("\"type\":\"" + type.typeName() + "\"")
                && r.value().contains("\"username\":\"" + username + "\"");
        Instant deadline = Instant.now().plus(wait);
        List<ConsumerRecord<String, String>> seen = List.of();
        while (Instant.now().isBefore(deadline)) {
            seen = probe.drain(Duration.ofMillis(200));
            var found = seen.stream().filter(match).findFirst();
            if (found.isPresent()) {
                return EventCodec.decode(found.get().value()).orElseThrow();
            }
        }
        throw new AssertionError("no " + type.shortName() + " event for " + username + "; saw " + seen.stream()
                .map(r -> r.value().replaceAll(".*\"type\":\"([^\"]+)\".*\"username\":\"([^\"]+)\".*", "$1 $2")).toList());
    }

    @Test
    void fullImportStoresEveryUserPublishesCreatedEventsAndAReimportWritesNothing() {
        try (SampleDirectory ad = new SampleDirectory(); TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String a = ad.addUser("a");
            List<String> others = List.of(ad.addUser("b"), ad.addUser("c"), ad.addUser("d"));
            ad.addGroup("Admins", a);
            String dirId = Api.createDirectory(ad, false, 5);

            // the bind secret is sealed at rest and never returned
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories/" + dirId).then().statusCode(200)
                    .body("bindSecretKeyId", equalTo("test1"))
                    .body(not(containsString(SampleDirectory.ADMIN_PASSWORD)));
            byte[] stored = (byte[]) Db.query("select bind_secret from directory where id = ?", UUID.fromString(dirId))
                    .get(0).get("bind_secret");
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SampleDirectory.ADMIN_PASSWORD);

            JsonPath run = Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));
            assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(run.getInt("usersSeen")).isEqualTo(4);
            assertThat(run.getInt("usersChanged")).isEqualTo(4);
            assertThat(run.getInt("errors")).isZero();

            UserSnapshot admin = (UserSnapshot) awaitUserEvent(probe, a, EventType.DIRECTORY_USER_CREATED).data();
            assertThat(admin.source()).isEqualTo(UserSource.DIRECTORY);
            assertThat(admin.directoryId()).isEqualTo(dirId);
            assertThat(admin.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(admin.firstName()).isEqualTo("Given-a");
            assertThat(admin.email()).isEqualTo(a + "@" + ad.prefix + ".example");
            assertThat(admin.defaultOrgId()).isEqualTo(ad.prefix);
            assertThat(admin.memberships()).containsExactly(new OrgMembership(ad.prefix, List.of("admin")));
            assertThat(admin.groups()).containsExactly(ad.prefix + "-Admins");
            assertThat(admin.version()).isEqualTo(1);
            for (String other : others) {
                UserSnapshot u = (UserSnapshot) awaitUserEvent(probe, other, EventType.DIRECTORY_USER_CREATED).data();
                assertThat(u.memberships()).containsExactly(new OrgMembership(ad.prefix, List.of()));
            }
            List<Map<String, Object>> rows = Db.query(
                    "select username, version, status, dn from directory_user where directory_id = ? order by username",
                    UUID.fromString(dirId));
            assertThat(rows).hasSize(4).allSatisfy(r -> {
                assertThat(r.get("version")).isEqualTo(1L);
                assertThat(r.get("status")).isEqualTo("ACTIVE");
                assertThat((String) r.get("dn")).endsWith(ad.ou);
            });

            // imported users are changed in their directory, not here; a refresh re-reads one now
            String adminId = Db.query("select id from directory_user where directory_id = ? and username = ?",
                    UUID.fromString(dirId), a).get(0).get("id").toString();
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"email\": \"x@y.example\"}")
                    .patch("/api/v1/users/" + adminId).then().statusCode(409);
            given().auth().oauth2(TestTokens.admin()).delete("/api/v1/users/" + adminId).then().statusCode(409);
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/users/" + adminId + "/refresh").then().statusCode(200)
                    .body("version", equalTo(1));
            ad.set(others.get(0), "givenName", "Renamed");
            String otherId = Db.query("select id from directory_user where directory_id = ? and username = ?",
                    UUID.fromString(dirId), others.get(0)).get(0).get("id").toString();
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/users/" + otherId + "/refresh").then().statusCode(200)
                    .body("version", equalTo(2)).body("firstName", equalTo("Renamed"));
            assertThat(((UserSnapshot) awaitUserEvent(probe, others.get(0), EventType.DIRECTORY_USER_UPDATED).data()).firstName())
                    .isEqualTo("Renamed");
            ad.set(others.get(0), "givenName", "Given-b");
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/users/" + otherId + "/refresh").then().statusCode(200)
                    .body("version", equalTo(3));

            JsonPath again = Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));
            assertThat(again.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(again.getInt("usersSeen")).isEqualTo(4);
            assertThat(again.getInt("usersChanged")).isZero();
            assertThat(Db.query("select sum(version) as n from directory_user where directory_id = ?",
                    UUID.fromString(dirId)).get(0).get("n")).as("versions 1, 1, 1 and 3: the re-import wrote nothing")
                    .isEqualTo(java.math.BigDecimal.valueOf(6));
            List<ConsumerRecord<String, String>> later = probe.drain(Duration.ofSeconds(3));
            assertThat(later.stream().filter(r -> r.value().contains("\"username\":\"" + ad.prefix)).count())
                    .as("4 created and 2 updated events, nothing from the re-import").isEqualTo(6);
        }
    }

    @Test
    void incrementalImportsCatchDisableEnableExpiryLockDeleteMoveAndGroupChanges() {
        try (SampleDirectory ad = new SampleDirectory(); TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String a = ad.addUser("a");
            String b = ad.addUser("b");
            String c = ad.addUser("c");
            String d = ad.addUser("d");
            String e = ad.addUser("e");
            String f = ad.addUser("f");
            String admins = ad.addGroup("Admins");
            String dirId = Api.createDirectory(ad, true, 1);
            try {
                // the scheduler runs the first (full) import by itself
                for (String u : List.of(a, b, c, d, e, f)) {
                    awaitUserEvent(probe, u, EventType.DIRECTORY_USER_CREATED);
                }
                ad.disable(a);
                UserSnapshot disabled = (UserSnapshot) awaitUserEvent(probe, a, EventType.DIRECTORY_USER_DISABLED).data();
                assertThat(disabled.status()).isEqualTo(UserStatus.DISABLED);
                assertThat(disabled.version()).isEqualTo(2);

                ad.enable(a);
                assertThat(((UserSnapshot) awaitUserEvent(probe, a, EventType.DIRECTORY_USER_ENABLED).data()).version()).isEqualTo(3);

                ad.set(b, "pwdLastSet", "0");
                UserSnapshot expired = (UserSnapshot) awaitUserEvent(probe, b, EventType.DIRECTORY_USER_PASSWORD_EXPIRED).data();
                assertThat(expired.passwordMustChange()).isTrue();
                assertThat(expired.passwordExpired()).isTrue();

                ad.lock(c);
                assertThat(((UserSnapshot) awaitUserEvent(probe, c, EventType.DIRECTORY_USER_LOCKED).data()).status())
                        .isEqualTo(UserStatus.LOCKED_OUT);

                ad.delete(d);
                assertThat(((UserSnapshot) awaitUserEvent(probe, d, EventType.DIRECTORY_USER_DELETED).data()).status())
                        .isEqualTo(UserStatus.DELETED);

                ad.moveOut(e);
                assertThat(((UserSnapshot) awaitUserEvent(probe, e, EventType.DIRECTORY_USER_DELETED).data()).status())
                        .isEqualTo(UserStatus.DELETED);

                ad.addToGroup(admins, f);
                UserSnapshot promoted = (UserSnapshot) awaitUserEvent(probe, f, EventType.DIRECTORY_USER_ROLES_CHANGED).data();
                assertThat(promoted.memberships()).containsExactly(new OrgMembership(ad.prefix, List.of("admin")));

                assertThat(Db.query("select status from directory_user where directory_id = ? and username = ?",
                        UUID.fromString(dirId), d).get(0).get("status")).isEqualTo("DELETED");
                assertThat(Db.query("select count(*) as n from directory_import where directory_id = ? and kind = 'INCREMENTAL'"
                        + " and state = 'SUCCEEDED'", UUID.fromString(dirId)).get(0).get("n")).isNotEqualTo(0L);
            } finally {
                Db.update("update directory set schedule_enabled = false where id = ?", UUID.fromString(dirId));
            }
        }
    }

    @Test
    void aSecondImportWhileOneRunsGets409WithTheRunningImportAndAStaleOneIsTakenOver() {
        try (SampleDirectory ad = new SampleDirectory()) {
            ad.addUser("a");
            String dirId = Api.createDirectory(ad, false, 5);
            UUID running = UUID.randomUUID();
            // another replica holds the import lock, with a fresh heartbeat
            Db.update("insert into directory_import (id, directory_id, kind, trigger, state, started_at, heartbeat_at) "
                    + "values (?, ?, 'FULL', 'SCHEDULED', 'RUNNING', now(), now())", running, UUID.fromString(dirId));
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"kind\": \"INCREMENTAL\"}")
                    .post("/api/v1/directories/" + dirId + "/imports").then().statusCode(409)
                    .contentType(startsWith("application/problem+json"))
                    .body("runningImportId", equalTo(running.toString()));
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories/" + dirId + "/imports/" + running)
                    .then().statusCode(200).body("state", equalTo("RUNNING")).body("usersPerSecond", notNullValue());

            // that replica died: its heartbeat is old, so the lock is taken over
            Db.update("update directory_import set heartbeat_at = now() - interval '10 minutes' where id = ?", running);
            String importId = Api.startImport(dirId, "FULL");
            assertThat(Api.awaitImport(dirId, importId).getString("state")).isEqualTo("SUCCEEDED");
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories/" + dirId + "/imports/" + running)
                    .then().statusCode(200).body("state", equalTo("FAILED"));
            given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories/" + dirId + "/imports/" + UUID.randomUUID())
                    .then().statusCode(404);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"kind\": \"SOMETIMES\"}")
                    .post("/api/v1/directories/" + dirId + "/imports").then().statusCode(400);
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"kind\": \"FULL\"}")
                    .post("/api/v1/directories/" + UUID.randomUUID() + "/imports").then().statusCode(404);
        }
    }

    @Test
    void aDirectoryUserWhoseNameALocalUserHoldsIsReportedNotImported() {
        try (SampleDirectory ad = new SampleDirectory()) {
            String ok = ad.addUser("ok");
            String clash = ad.addUser("clash");
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body("{\"username\": \"" + clash.toUpperCase() + "\"}").post("/api/v1/users").then().statusCode(201);
            String dirId = Api.createDirectory(ad, false, 5);
            JsonPath run = Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));
            assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(run.getInt("usersSeen")).isEqualTo(2);
            assertThat(run.getInt("usersChanged")).isEqualTo(1);
            assertThat(run.getInt("errors")).isEqualTo(1);
            assertThat(run.getString("detail")).contains("username " + clash + " is already held");
            assertThat(Db.query("select username from directory_user where directory_id = ?", UUID.fromString(dirId)))
                    .extracting(r -> r.get("username")).containsExactly(ok);
        }
    }

    @Test
    void anAdminCanDisableAnImportedUserAndImportsKeepItUntilCleared() {
        try (SampleDirectory ad = new SampleDirectory(); TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String u = ad.addUser("held");
            String dirId = Api.createDirectory(ad, false, 5);
            Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));
            String id = Db.query("select id from directory_user where directory_id = ? and username = ?",
                    UUID.fromString(dirId), u).get(0).get("id").toString();

            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body("{\"status\": \"DISABLED\"}").put("/api/v1/users/" + id + "/status")
                    .then().statusCode(200).body("status", equalTo("DISABLED")).body("version", equalTo(2));
            assertThat(((UserSnapshot) awaitUserEvent(probe, u, EventType.DIRECTORY_USER_DISABLED).data()).version()).isEqualTo(2);

            JsonPath again = Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));
            assertThat(again.getInt("usersChanged")).as("the override holds through a full import").isZero();
            given().auth().oauth2(TestTokens.token("factor-service", "service")).contentType(ContentType.JSON)
                    .body("{\"userId\": \"%s\", \"password\": \"%s\"}".formatted(id, SampleDirectory.PASSWORD))
                    .post("/internal/v1/authenticate").then().statusCode(200).body("outcome", equalTo("DISABLED"));
            given().auth().oauth2(TestTokens.token("factor-service", "service"))
                    .get("/internal/v1/users/" + id + "/live-status").then().statusCode(200).body("status", equalTo("DISABLED"));

            // cleared: the directory decides again (the user is enabled there)
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"status\": \"ACTIVE\"}")
                    .put("/api/v1/users/" + id + "/status").then().statusCode(200)
                    .body("status", equalTo("ACTIVE")).body("version", equalTo(3));
            awaitUserEvent(probe, u, EventType.DIRECTORY_USER_ENABLED);
            assertThat(Db.query("select status_override from directory_user where id = ?", UUID.fromString(id))
                    .get(0).get("status_override")).isNull();
        }
    }
}
