package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.internal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import java.sql.Connection;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The user's ACTIVE factor set and its version on the {@code factor.*} events, and the same version on the internal
 * list: what auth-flow's read model of the factors relies on.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class FactorSetEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The internal list with status=ACTIVE, as the events' factors, and its version header. */
    record Listed(List<FactorEvent.Held> factors, long version) {
    }

    @SuppressWarnings("unchecked")
    static Listed activeList(String userId) {
        var response = internal().queryParam("status", "ACTIVE").get("/internal/v1/users/" + userId + "/factors")
                .then().statusCode(200).extract();
        List<Map<String, Object>> body = response.jsonPath().getList("$");
        List<FactorEvent.Held> factors = body.stream().map(f -> new FactorEvent.Held((String) f.get("id"),
                (String) f.get("factorType"), (String) f.get("provider"), (Map<String, String>) f.get("profile"))).toList();
        return new Listed(factors, Long.parseLong(response.header("Sequent-Factors-Version")));
    }

    /** Waits for the event of {@code type} about this factor. */
    static FactorEvent eventOf(TopicProbe probe, String userId, EventType type, String factorId) {
        var event = probe.await(WAIT, r -> userId.equals(r.key()) && r.value().contains("\"type\":\"" + type.typeName() + "\"")
                && r.value().contains("\"factorId\":\"" + factorId + "\""));
        return (FactorEvent) event.data();
    }

    /** Every factor.* event about the user read so far (and within a second more), in the order of the topic. */
    static List<FactorEvent> eventsOf(TopicProbe probe, String userId) {
        return probe.drain(Duration.ofSeconds(1)).stream().filter(r -> userId.equals(r.key()))
                .map(r -> EventCodec.decode(r.value()).orElseThrow()).map(CloudEvent::data)
                .filter(FactorEvent.class::isInstance).map(FactorEvent.class::cast).toList();
    }

    static String enrollPassword(String userId, String password) {
        Fixtures.remember(password);
        return admin().body("{\"factorType\": \"password\", \"profile\": {\"password\": \"" + password + "\"}}")
                .post("/api/v1/users/" + userId + "/factors").then().statusCode(200).body("status", equalTo("ACTIVE"))
                .extract().path("id");
    }

    @Test
    void everyChangeCarriesTheActiveSetAfterItAtAGrowingVersion() throws InterruptedException {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        assertThat(activeList(userId).version()).isZero();
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            // a question is ACTIVE at once: enrolled, then activated, each with its own version and the question in the set
            String question = KnowledgeFactorTest.enrollQuestion(userId, "set version answer");
            Listed afterQuestion = activeList(userId);
            assertThat(afterQuestion.factors()).extracting(FactorEvent.Held::id).containsExactly(question);
            assertThat(afterQuestion.factors().get(0).profile()).containsEntry("question", "disliked_food")
                    .containsKey("questionText");
            FactorEvent questionEnrolled = eventOf(probe, userId, EventType.FACTOR_ENROLLED, question);
            FactorEvent questionActivated = eventOf(probe, userId, EventType.FACTOR_ACTIVATED, question);
            assertThat(questionEnrolled.factors()).isEqualTo(afterQuestion.factors());
            assertThat(questionActivated.factors()).isEqualTo(afterQuestion.factors());
            assertThat(questionActivated.factorsVersion()).isGreaterThan(questionEnrolled.factorsVersion())
                    .isEqualTo(afterQuestion.version());

            // a pending TOTP factor is not in the set; once activated, it is
            var totp = TotpFactorTest.enrollTotp(userId);
            Listed afterTotpEnrolled = activeList(userId);
            FactorEvent totpEnrolled = eventOf(probe, userId, EventType.FACTOR_ENROLLED, totp.factorId());
            assertThat(totpEnrolled.status()).isEqualTo("PENDING_ACTIVATION");
            assertThat(totpEnrolled.factors()).isEqualTo(afterTotpEnrolled.factors())
                    .extracting(FactorEvent.Held::id).containsExactly(question);
            assertThat(totpEnrolled.factorsVersion()).isEqualTo(afterTotpEnrolled.version());

            TotpFactorTest.activate(totp, TotpFactorTest.freshStep());
            Listed afterTotpActivated = activeList(userId);
            FactorEvent totpActivated = eventOf(probe, userId, EventType.FACTOR_ACTIVATED, totp.factorId());
            assertThat(totpActivated.factors()).isEqualTo(afterTotpActivated.factors())
                    .extracting(FactorEvent.Held::id).containsExactly(question, totp.factorId());
            assertThat(totpActivated.factorsVersion()).isEqualTo(afterTotpActivated.version());

            // a reset takes the question out of the set
            admin().delete("/api/v1/users/" + userId + "/factors/" + question).then().statusCode(204);
            Listed afterReset = activeList(userId);
            FactorEvent questionReset = eventOf(probe, userId, EventType.FACTOR_RESET, question);
            assertThat(questionReset.factors()).isEqualTo(afterReset.factors())
                    .extracting(FactorEvent.Held::id).containsExactly(totp.factorId());
            assertThat(questionReset.factors().get(0)).isEqualTo(
                    new FactorEvent.Held(totp.factorId(), "token:software:totp", "GOOGLE", Map.of()));
            assertThat(afterReset.version()).isEqualTo(questionReset.factorsVersion());

            // in the order of the topic, every event's version is above the one before
            List<Long> versions = eventsOf(probe, userId).stream().map(FactorEvent::factorsVersion).toList();
            assertThat(versions).hasSize(5).doesNotContainNull().isSorted().doesNotHaveDuplicates();
            assertThat(versions.get(0)).isEqualTo(questionEnrolled.factorsVersion());
            assertThat(versions.get(4)).isEqualTo(questionReset.factorsVersion());
        }
    }

    @Test
    void aLockChangesNoEnrollmentAndCarriesNoSet() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String question = KnowledgeFactorTest.enrollQuestion(userId, "lock answer");
        long before = activeList(userId).version();
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            // tests lock after 5 failures
            for (int i = 1; i <= 5; i++) {
                KnowledgeFactorTest.verify(userId, question, "answer", "wrong " + i);
            }
            var locked = probe.await(WAIT, r -> userId.equals(r.key())
                    && r.value().contains("\"type\":\"" + EventType.FACTOR_LOCKED.typeName() + "\""));
            FactorEvent data = (FactorEvent) locked.data();
            assertThat(data.factorId()).isEqualTo(question);
            assertThat(data.factorsVersion()).isNull();
            assertThat(data.factors()).isNull();
        }
        assertThat(activeList(userId).version()).isEqualTo(before);
    }

    @Test
    void aDeletedUsersLastResetCarriesTheEmptySet() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String question = KnowledgeFactorTest.enrollQuestion(userId, "deleted set answer");
        String password = enrollPassword(userId, "Deleted-set-pass-1");
        long before = activeList(userId).version();
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            Fixtures.publishUser(userId, 2, UserSource.LOCAL, UserStatus.DELETED);
            FactorEvent questionReset = eventOf(probe, userId, EventType.FACTOR_RESET, question);
            FactorEvent passwordReset = eventOf(probe, userId, EventType.FACTOR_RESET, password);
            var resets = eventsOf(probe, userId);
            assertThat(resets).containsExactlyInAnyOrder(questionReset, passwordReset);
            assertThat(resets).extracting(FactorEvent::reason).containsOnly("user deleted");
            assertThat(resets).extracting(FactorEvent::factorsVersion).containsExactly(before + 1, before + 2);
            assertThat(resets.get(0).factors()).hasSize(1);
            assertThat(resets.get(1).factors()).isEmpty();
        }
        internal().get("/internal/v1/users/" + userId + "/factors").then().statusCode(404);
    }

    /** Sessions of the test database waiting for a row lock in the factor-set version's UPDATE. */
    static long waitingForTheVersion() {
        return (Long) Fixtures.row("select count(*) as n from pg_stat_activity where datname = current_database() "
                + "and wait_event_type = 'Lock' and query like 'update factor_user set factors_version%'").get("n");
    }

    @Test
    void concurrentEnrollmentsOfOneUserTakeDistinctVersionsAndTheLaterHoldsBoth() throws Exception {
        // a directory user: neither enrollment hashes anything, and both are ACTIVE at once
        String userId = Fixtures.newUser(UserSource.DIRECTORY);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS); Connection holder = Fixtures.connect()) {
            // the test holds the user's row, so both enrollments have inserted their factor and wait for the version
            // at the same time: which one goes first is up to the database, and the other must see its factor
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select 1 from factor_user where user_id = ? for update")) {
                lock.setObject(1, UUID.fromString(userId));
                lock.executeQuery().close();
            }
            Future<String> question = pool.submit(() -> KnowledgeFactorTest.enrollQuestion(userId, "concurrent answer"));
            Future<String> password = pool.submit(() -> admin().body("{\"factorType\": \"password\"}")
                    .post("/api/v1/users/" + userId + "/factors").then().statusCode(200)
                    .body("status", equalTo("ACTIVE")).extract().<String>path("id"));
            await().atMost(WAIT).until(() -> waitingForTheVersion() == 2);
            holder.commit();
            String questionId = question.get(60, TimeUnit.SECONDS);
            String passwordId = password.get(60, TimeUnit.SECONDS);

            List<FactorEvent> events = List.of(
                    eventOf(probe, userId, EventType.FACTOR_ENROLLED, questionId),
                    eventOf(probe, userId, EventType.FACTOR_ACTIVATED, questionId),
                    eventOf(probe, userId, EventType.FACTOR_ENROLLED, passwordId),
                    eventOf(probe, userId, EventType.FACTOR_ACTIVATED, passwordId));
            assertThat(events).extracting(FactorEvent::factorsVersion).doesNotContainNull().doesNotHaveDuplicates();
            // one enrollment took the user's row first and kept it until it committed: its two events come first and
            // hold its factor alone; the other's both come after and hold both factors, its own enrolled event too,
            // since the set is read after the version was taken
            List<FactorEvent> byVersion = events.stream().sorted(Comparator.comparing(FactorEvent::factorsVersion)).toList();
            String first = byVersion.get(0).factorId();
            String second = first.equals(questionId) ? passwordId : questionId;
            assertThat(byVersion).extracting(FactorEvent::factorId).containsExactly(first, first, second, second);
            assertThat(byVersion.get(0).factors()).extracting(FactorEvent.Held::id).containsExactly(first);
            assertThat(byVersion.get(1).factors()).extracting(FactorEvent.Held::id).containsExactly(first);
            assertThat(byVersion.get(2).factors()).extracting(FactorEvent.Held::id).containsExactlyInAnyOrder(first, second);
            FactorEvent latest = byVersion.get(3);
            assertThat(latest.factors()).extracting(FactorEvent.Held::id).containsExactlyInAnyOrder(questionId, passwordId);
            Listed now = activeList(userId);
            assertThat(now.version()).isEqualTo(latest.factorsVersion());
            assertThat(now.factors()).isEqualTo(latest.factors());
            // the outbox relays them in the order of their versions
            assertThat(eventsOf(probe, userId)).extracting(FactorEvent::factorsVersion).isSorted();
        } finally {
            pool.shutdownNow();
        }
    }
}
