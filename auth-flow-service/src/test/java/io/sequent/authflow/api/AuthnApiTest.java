package io.sequent.authflow.api;

import static io.sequent.authflow.api.AuthnFixtures.factor;
import static io.sequent.authflow.api.AuthnFixtures.newUsername;
import static io.sequent.authflow.api.AuthnFixtures.outcome;
import static io.sequent.authflow.api.AuthnFixtures.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourUnavailable;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.SessionTokens;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.sequent.events.SignInEvent;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.TopicProbe;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Authentication API against the real Redis and Kafka; factor-service and directory-sync are
 * the two mocked neighbours. Users come in through the read model, the policy through the snapshots.
 */
@QuarkusTest
class AuthnApiTest {

    static final String AUTHN = "/api/v1/authn";

    @InjectMock
    FactorClient factors;

    @InjectMock
    DirectoryClient directory;

    @Inject
    UserReadModel users;

    @Inject
    PolicySnapshots policies;

    @Inject
    SessionTokens sessions;

    UserSnapshot ada;
    FactorClient.Factor sms;
    FactorClient.Factor push;
    FactorClient.Factor question;

    @BeforeEach
    void seed() {
        org.mockito.Mockito.when(factors.decoyPassword(org.mockito.ArgumentMatchers.any()))
                .thenReturn(io.smallrye.mutiny.Uni.createFrom().voidItem());
        policies.offer(AuthnFixtures.policy());
        ada = seedUser(newUsername("ada"), UserSource.LOCAL);
        sms = factor("sms", Map.of("phoneNumber", "+1 XXX-XXX-1337"));
        push = factor("push", Map.of("name", "Pixel 8", "platform", "ANDROID"));
        question = factor("question", Map.of("question", "favorite_art_piece", "questionText", "Favourite art piece?"));
        holds(ada, sms, push, question);
    }

    UserSnapshot seedUser(String username, UserSource source, String... groups) {
        UserSnapshot user = AuthnFixtures.user(java.util.UUID.randomUUID().toString(), username, 1, UserStatus.ACTIVE,
                source, groups);
        users.apply(user).await().atMost(Duration.ofSeconds(5));
        return user;
    }

    void holds(UserSnapshot user, FactorClient.Factor... held) {
        when(factors.activeFactors(user.userId())).thenReturn(AuthnFixtures.holding(List.of(held)));
    }

    void verifies(UserSnapshot user, FactorClient.Factor f, String result) {
        when(factors.verify(eq(user.userId()), eq(f.id()), any()))
                .thenReturn(Uni.createFrom().item(outcome(f.id(), f.factorType(), result)));
    }

    void challenges(UserSnapshot user, FactorClient.Factor f, String status, String challengeId, Integer answer) {
        when(factors.challenge(user.userId(), f.id())).thenReturn(Uni.createFrom().item(new FactorClient.Challenge(
                f.id(), f.factorType(), status, Instant.now().plusSeconds(300), null, null, null, null, challengeId, answer)));
    }

    static String verifyPath(FactorClient.Factor f) {
        return AUTHN + "/factors/" + f.id() + "/verify";
    }

    static JsonPath ok(String path, Object body) {
        return post(path, body).statusCode(200).header("Content-Type", "application/json").extract().jsonPath();
    }

    static void error(String path, Object body, int status, String code) {
        post(path, body).statusCode(status).header("Content-Type", "application/json")
                .body("errorCode", equalTo(code)).body("errorLink", equalTo(code))
                .body("errorSummary", notNullValue()).body("errorId", startsWith("oae"))
                .body("errorCauses", notNullValue());
    }

    String start(UserSnapshot user) {
        return ok(AUTHN, Map.of("username", user.username())).getString("stateToken");
    }

    // ---------------------------------------------------------------- factor sequencing

    @Test
    void passwordlessChainSignsInThroughSmsThenPush() {
        try (TopicProbe audit = new TopicProbe("sequent.auth.events")) {
            JsonPath first = ok(AUTHN, Map.of("username", ada.username(), "relayState", "/app", "unknownField", 1));
            assertThat(first.getString("status")).isEqualTo("UNAUTHENTICATED");
            assertThat(first.getString("relayState")).isEqualTo("/app");
            assertThat(first.getMap("_embedded")).doesNotContainKey("user");
            assertThat(first.getList("_embedded.factors.factorType")).containsExactlyInAnyOrder("sms", "push");
            assertThat(first.getList("_embedded.factors.profile")).allSatisfy(p -> assertThat((Map<?, ?>) p).isEmpty());
            assertThat(first.getString("_links.cancel.href")).isEqualTo("http://127.0.0.1:8080/api/v1/authn/cancel");
            assertThat(first.getList("_links.cancel.hints.allow")).containsExactly("POST");
            String token = first.getString("stateToken");
            assertThat(token).matches("[A-Za-z0-9_-]{43}");

            challenges(ada, sms, "SENT", null, null);
            JsonPath challenged = ok(verifyPath(sms), Map.of("stateToken", token));
            assertThat(challenged.getString("status")).isEqualTo("MFA_CHALLENGE");
            assertThat(challenged.getString("_links.next.name")).isEqualTo("verify");
            assertThat(challenged.getString("_links.next.href")).endsWith(verifyPath(sms));
            assertThat(challenged.getString("_links.resend[0].name")).isEqualTo("sms");
            assertThat(challenged.getString("_embedded.factor.id")).isEqualTo(sms.id());

            verifies(ada, sms, "SUCCESS");
            JsonPath second = ok(verifyPath(sms), Map.of("stateToken", token, "passCode", "123456"));
            assertThat(second.getString("status")).isEqualTo("MFA_REQUIRED");
            assertThat(second.getString("stateToken")).isEqualTo(token);
            assertThat(second.getString("_embedded.user.id")).isEqualTo(ada.userId());
            assertThat(second.getString("_embedded.user.profile.login")).isEqualTo(ada.username());
            assertThat(second.getList("_embedded.factors.factorType")).containsExactly("push");
            assertThat(second.getMap("_embedded.factors[0].profile")).containsEntry("name", "Pixel 8");

            challenges(ada, push, "WAITING", "ch-1", 37);
            JsonPath waiting = ok(verifyPath(push) + "?autoPush=true", Map.of("stateToken", token, "rememberDevice", true));
            assertThat(waiting.getString("status")).isEqualTo("MFA_CHALLENGE");
            assertThat(waiting.getString("factorResult")).isEqualTo("WAITING");
            assertThat(waiting.get("_embedded.factor._embedded.challenge.correctAnswer") instanceof Integer).isTrue();
            assertThat(waiting.getInt("_embedded.factor._embedded.challenge.correctAnswer")).isEqualTo(37);
            assertThat(waiting.getString("_links.next.name")).isEqualTo("poll");

            verifies(ada, push, "WAITING");
            assertThat(ok(verifyPath(push), Map.of("stateToken", token)).getString("factorResult")).isEqualTo("WAITING");

            verifies(ada, push, "SUCCESS");
            JsonPath success = ok(verifyPath(push), Map.of("stateToken", token));
            assertThat(success.getString("status")).isEqualTo("SUCCESS");
            assertThat(success.getString("relayState")).isEqualTo("/app");
            assertThat(success.getMap("")).doesNotContainKey("stateToken");
            assertThat(success.getString("_embedded.user.profile.firstName")).isEqualTo("Ada");
            String sessionToken = success.getString("sessionToken");
            var grant = sessions.peek(sessionToken).await().atMost(Duration.ofSeconds(5)).orElseThrow();
            assertThat(grant.userId()).isEqualTo(ada.userId());
            assertThat(grant.amr()).containsExactly("sms", "swk", "mfa");

            error(AUTHN, Map.of("stateToken", token), 401, "E0000011");

            var record = audit.awaitRecord(Duration.ofSeconds(20), r -> r.value().contains("\"" + EventType.AUTH_SIGNIN_SUCCEEDED.typeName() + "\"")
                    && r.value().contains(ada.userId())).orElseThrow(() -> new AssertionError("seen: "
                    + audit.drain(Duration.ofMillis(100)).stream().map(r -> r.key() + " " + r.value()).toList()));
            assertThat(record.key()).isEqualTo(ada.userId());
            var event = EventCodec.decode(record.value(), SignInEvent.class);
            assertThat(event.subject()).isEqualTo(ada.userId());
            assertThat(event.data().status()).isEqualTo("SUCCESS");
            assertThat(audit.drain(Duration.ofMillis(500)).stream().filter(r -> ada.userId().equals(r.key()))
                    .map(r -> EventCodec.decode(r.value()).orElseThrow().type()))
                    .contains(EventType.AUTH_SIGNIN_STARTED.typeName(), EventType.AUTH_SIGNIN_FACTOR_VERIFIED.typeName());
        }
    }

    @Test
    void startingWithPushSwitchesToTheChainThatContinuesWithTheQuestion() {
        String token = start(ada);
        challenges(ada, push, "WAITING", "ch-2", 12);
        ok(verifyPath(push), Map.of("stateToken", token));
        verifies(ada, push, "SUCCESS");
        JsonPath second = ok(verifyPath(push), Map.of("stateToken", token));
        assertThat(second.getString("status")).isEqualTo("MFA_REQUIRED");
        assertThat(second.getList("_embedded.factors.factorType")).containsExactly("question");

        error(verifyPath(sms), Map.of("stateToken", token, "passCode", "123456"), 403, "E0000079");

        verifies(ada, question, "SUCCESS");
        JsonPath done = ok(verifyPath(question), Map.of("stateToken", token, "answer", "Mona Lisa"));
        assertThat(done.getString("status")).isEqualTo("SUCCESS");
        assertThat(sessions.peek(done.getString("sessionToken")).await().atMost(Duration.ofSeconds(5)).orElseThrow().amr())
                .containsExactly("swk", "kba", "mfa");
    }

    @Test
    void pushRejectedOffersPrevAndResendAndMayBeSentAgain() {
        String token = start(ada);
        challenges(ada, push, "WAITING", "ch-3", 44);
        ok(verifyPath(push), Map.of("stateToken", token));
        verifies(ada, push, "REJECTED");
        JsonPath rejected = ok(verifyPath(push), Map.of("stateToken", token));
        assertThat(rejected.getString("status")).isEqualTo("MFA_CHALLENGE");
        assertThat(rejected.getString("factorResult")).isEqualTo("REJECTED");
        assertThat(rejected.getMap("_links")).containsKeys("prev", "resend", "cancel").doesNotContainKey("next");

        JsonPath again = ok(verifyPath(push), Map.of("stateToken", token));
        assertThat(again.getString("factorResult")).isEqualTo("WAITING");

        JsonPath back = ok(AUTHN + "/previous", Map.of("stateToken", token));
        assertThat(back.getString("status")).isEqualTo("UNAUTHENTICATED");
    }

    // ---------------------------------------------------------------- S1: unknown and refused users

    @Test
    void anSmsCodeSentWithoutAChallengeIsExpiredForADecoyAsForARealUser() {
        verifies(ada, sms, "EXPIRED"); // factor-service: no code was sent
        String real = start(ada);
        String realCause = post(verifyPath(sms), Map.of("stateToken", real, "passCode", "123456")).statusCode(403)
                .extract().jsonPath().getString("errorCauses[0].errorSummary");
        assertThat(realCause).contains("expired");
        JsonPath decoy = null;
        for (int i = 0; i < 40 && decoy == null; i++) {
            JsonPath candidate = ok(AUTHN, Map.of("username", newUsername("ghost")));
            if (candidate.getList("_embedded.factors.factorType").contains("sms")) {
                decoy = candidate;
            }
        }
        assertThat(decoy).as("an unknown username offered sms").isNotNull();
        String decoySms = decoy.getString("_embedded.factors.find { it.factorType == 'sms' }.id");
        String decoyPath = AUTHN + "/factors/" + decoySms + "/verify";
        assertThat(post(decoyPath, Map.of("stateToken", decoy.getString("stateToken"), "passCode", "123456")).statusCode(403)
                .extract().jsonPath().getString("errorCauses[0].errorSummary")).isEqualTo(realCause);
        // once a code was "sent", a wrong one is wrong, as for a real user
        ok(decoyPath, Map.of("stateToken", decoy.getString("stateToken")));
        assertThat(post(decoyPath, Map.of("stateToken", decoy.getString("stateToken"), "passCode", "123456")).statusCode(403)
                .extract().jsonPath().getString("errorCauses[0].errorSummary")).doesNotContain("expired");
    }

    @Test
    void aUserHoldingNoFirstFactorLooksExactlyLikeAnUnknownUser() {
        UserSnapshot onlyQuestion = seedUser(newUsername("quentin"), UserSource.LOCAL);
        holds(onlyQuestion, factor("question", Map.of()));

        JsonPath refused = ok(AUTHN, Map.of("username", onlyQuestion.username()));
        JsonPath unknown = ok(AUTHN, Map.of("username", newUsername("nobody")));
        JsonPath real = ok(AUTHN, Map.of("username", ada.username()));
        for (JsonPath decoy : List.of(refused, unknown)) {
            assertThat(decoy.getMap("").keySet()).isEqualTo(real.getMap("").keySet());
            assertThat(decoy.getString("status")).isEqualTo("UNAUTHENTICATED");
            assertThat(decoy.getMap("_embedded").keySet()).isEqualTo(real.getMap("_embedded").keySet());
            // like a real user's, the list holds the first factors "held": a non-empty part of [sms, push]
            assertThat(decoy.getList("_embedded.factors.factorType", String.class)).isNotEmpty().isSubsetOf("sms", "push")
                    .doesNotHaveDuplicates();
            assertThat(decoy.getList("_embedded.factors.profile")).allSatisfy(p -> assertThat((Map<?, ?>) p).isEmpty());
            assertThat(decoy.getString("_embedded.factors[0].id")).matches("[0-9a-f-]{36}");
        }
        // the decoy's factors never verify
        String factorId = unknown.getString("_embedded.factors[0].id");
        String type = unknown.getString("_embedded.factors[0].factorType");
        String token = unknown.getString("stateToken");
        JsonPath challenged = ok(AUTHN + "/factors/" + factorId + "/verify", Map.of("stateToken", token));
        assertThat(challenged.getString("status")).isEqualTo("MFA_CHALLENGE");
        if ("sms".equals(type)) {
            error(AUTHN + "/factors/" + factorId + "/verify", Map.of("stateToken", token, "passCode", "123456"), 403, "E0000068");
        } else {
            assertThat(ok(AUTHN + "/factors/" + factorId + "/verify", Map.of("stateToken", token)).getString("factorResult"))
                    .isEqualTo("WAITING");
        }
    }

    @Test
    void anUnknownUsernameIsOfferedTheSameFactorsEveryTimeAndNoListProvesAUsernameExists() {
        String nobody = newUsername("nobody");
        JsonPath first = ok(AUTHN, Map.of("username", nobody));
        JsonPath second = ok(AUTHN, Map.of("username", nobody));
        assertThat(second.getList("_embedded.factors.id")).isEqualTo(first.getList("_embedded.factors.id"));
        assertThat(second.getList("_embedded.factors.factorType")).isEqualTo(first.getList("_embedded.factors.factorType"));

        // ada, a real user, holds both first factors; other real users hold one: unknown usernames show both kinds too
        java.util.Set<Integer> sizes = new java.util.HashSet<>();
        for (int i = 0; i < 40 && sizes.size() < 2; i++) {
            sizes.add(ok(AUTHN, Map.of("username", newUsername("ghost"))).getList("_embedded.factors").size());
        }
        assertThat(sizes).containsExactlyInAnyOrder(1, 2);
    }

    // ---------------------------------------------------------------- verification outcomes

    @Test
    void aWrongPasscodeKeepsTheStateAndAReplayIsE0000082() {
        String token = start(ada);
        challenges(ada, sms, "SENT", null, null);
        ok(verifyPath(sms), Map.of("stateToken", token));
        verifies(ada, sms, "INVALID");
        error(verifyPath(sms), Map.of("stateToken", token, "passCode", "000000"), 403, "E0000068");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("MFA_CHALLENGE");

        verifies(ada, sms, "REPLAYED");
        error(verifyPath(sms), Map.of("stateToken", token, "passCode", "111111"), 403, "E0000082");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("MFA_CHALLENGE");

        verifies(ada, sms, "LOCKED");
        error(verifyPath(sms), Map.of("stateToken", token, "passCode", "222222"), 403, "E0000069");
        error(AUTHN, Map.of("stateToken", token), 401, "E0000011");
    }

    @Test
    void ofTwoConcurrentVerifiesOfTheSameStepExactlyOneAdvances() throws Exception {
        String token = start(ada);
        when(factors.verify(eq(ada.userId()), eq(sms.id()), any())).thenReturn(Uni.createFrom()
                .item(outcome(sms.id(), "sms", "SUCCESS")).onItem().delayIt().by(Duration.ofMillis(500)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var body = Map.of("stateToken", token, "passCode", "123456");
            var a = pool.submit(() -> post(verifyPath(sms), body).extract().response());
            var b = pool.submit(() -> post(verifyPath(sms), body).extract().response());
            List<Integer> codes = List.of(a.get().statusCode(), b.get().statusCode());
            assertThat(codes).containsExactlyInAnyOrder(200, 403);
            var loser = a.get().statusCode() == 403 ? a.get() : b.get();
            assertThat(loser.jsonPath().getString("errorCode")).isEqualTo("E0000079");
        } finally {
            pool.shutdownNow();
        }
        JsonPath now = ok(AUTHN, Map.of("stateToken", token));
        assertThat(now.getString("status")).isEqualTo("MFA_REQUIRED");
        assertThat(now.getList("_embedded.factors.factorType")).containsExactly("push");
    }

    @Test
    void aUserDisabledInTheReadModelIsRefusedBeforeSuccess() {
        String token = start(ada);
        verifies(ada, sms, "SUCCESS");
        ok(verifyPath(sms), Map.of("stateToken", token, "passCode", "123456"));
        var disabled = AuthnFixtures.user(ada.userId(), ada.username(), 2, UserStatus.DISABLED, UserSource.LOCAL);
        users.apply(disabled).await().atMost(Duration.ofSeconds(5));
        challenges(ada, push, "WAITING", "ch-4", 50);
        ok(verifyPath(push), Map.of("stateToken", token));
        verifies(ada, push, "SUCCESS");
        error(verifyPath(push), Map.of("stateToken", token), 401, "E0000004");
        error(AUTHN, Map.of("stateToken", token), 401, "E0000011");
    }

    @Test
    void aDirectoryUserWithoutAPasswordStepNeedsTheLiveStatus() {
        UserSnapshot dirUser = seedUser(newUsername("dora"), UserSource.DIRECTORY);
        holds(dirUser, sms, push);
        String token = start(dirUser);
        verifies(dirUser, sms, "SUCCESS");
        ok(verifyPath(sms), Map.of("stateToken", token, "passCode", "123456"));
        verifies(dirUser, push, "SUCCESS");
        challenges(dirUser, push, "WAITING", "ch-5", 21);
        ok(verifyPath(push), Map.of("stateToken", token));
        when(directory.liveStatus(dirUser.userId()))
                .thenReturn(Uni.createFrom().failure(new NeighbourUnavailable("directory down")));
        // directory-sync unreachable: a 503, never SUCCESS; every step stays done
        error(verifyPath(push), Map.of("stateToken", token), 503, "E0000010");
        error(AUTHN, Map.of("stateToken", token), 503, "E0000010");
        when(directory.liveStatus(dirUser.userId())).thenReturn(Uni.createFrom().item(new DirectoryClient.LiveStatus(
                dirUser.userId(), "DISABLED", false, false, false, "DIRECTORY", Instant.now())));
        // back, and the user was disabled meanwhile: the generic refusal
        error(AUTHN, Map.of("stateToken", token), 401, "E0000004");

        // the directory refused to answer (its own setting: refuse when the directory is unreachable): refused
        String refusedToken = start(dirUser);
        ok(verifyPath(sms), Map.of("stateToken", refusedToken, "passCode", "123456"));
        ok(verifyPath(push), Map.of("stateToken", refusedToken));
        when(directory.liveStatus(dirUser.userId()))
                .thenReturn(Uni.createFrom().failure(new io.sequent.authflow.client.NeighbourRejected(503, "unreachable")));
        error(verifyPath(push), Map.of("stateToken", refusedToken), 401, "E0000004");

        String again = start(dirUser);
        ok(verifyPath(sms), Map.of("stateToken", again, "passCode", "123456"));
        ok(verifyPath(push), Map.of("stateToken", again));
        when(directory.liveStatus(dirUser.userId())).thenReturn(Uni.createFrom().item(new DirectoryClient.LiveStatus(
                dirUser.userId(), "ACTIVE", false, false, false, "DIRECTORY", Instant.now())));
        assertThat(ok(verifyPath(push), Map.of("stateToken", again)).getString("status")).isEqualTo("SUCCESS");
    }

    @Test
    void factorServiceDownIs503AndNeverSuccess() {
        String token = start(ada);
        when(factors.verify(eq(ada.userId()), eq(sms.id()), any()))
                .thenReturn(Uni.createFrom().failure(new NeighbourUnavailable("factor-service down")));
        error(verifyPath(sms), Map.of("stateToken", token, "passCode", "123456"), 503, "E0000010");
        verifies(ada, sms, "UNAVAILABLE");
        error(verifyPath(sms), Map.of("stateToken", token, "passCode", "123456"), 503, "E0000010");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("UNAUTHENTICATED");

        when(factors.activeFactors(ada.userId()))
                .thenReturn(Uni.createFrom().failure(new NeighbourUnavailable("factor-service down")));
        error(AUTHN, Map.of("username", ada.username()), 503, "E0000010");
    }

    // ---------------------------------------------------------------- the password flow

    @Test
    void thePasswordFlowSucceedsAndAWrongPasswordLooksLikeAnUnknownUser() {
        UserSnapshot pat = seedUser(newUsername("pat"), UserSource.LOCAL, AuthnFixtures.PASSWORD_GROUP);
        FactorClient.Factor password = factor("password", Map.of());
        holds(pat, password);
        verifies(pat, password, "SUCCESS");
        var nullsToo = new java.util.HashMap<String, Object>();
        nullsToo.put("username", pat.username());
        nullsToo.put("password", "correct horse");
        nullsToo.put("relayState", null);
        JsonPath success = ok(AUTHN, nullsToo);
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(sessions.peek(success.getString("sessionToken")).await().atMost(Duration.ofSeconds(5))
                .orElseThrow().amr()).containsExactly("pwd");

        verifies(pat, password, "PASSWORD_EXPIRED");
        assertThat(ok(AUTHN, Map.of("username", pat.username(), "password", "old one")).getString("status"))
                .isEqualTo("PASSWORD_EXPIRED");

        verifies(pat, password, "INVALID");
        error(AUTHN, Map.of("username", pat.username(), "password", "wrong"), 401, "E0000004");
        error(AUTHN, Map.of("username", newUsername("nobody"), "password", "wrong"), 401, "E0000004");
        // S1: the unknown user's password got the same Argon2id work from factor-service as a real one
        org.mockito.Mockito.verify(factors).decoyPassword("wrong");
        verifies(pat, password, "DISABLED");
        error(AUTHN, Map.of("username", pat.username(), "password", "whatever"), 401, "E0000004");
        // a locked password is refused like a wrong one, after the same Argon2id work (factor-service skips its check)
        verifies(pat, password, "LOCKED");
        error(AUTHN, Map.of("username", pat.username(), "password", "correct horse"), 401, "E0000004");
        org.mockito.Mockito.verify(factors).decoyPassword("correct horse");
    }

    // ---------------------------------------------------------------- errors and state

    @Test
    void deadTokensAreE0000011() {
        error(AUTHN, Map.of("stateToken", "no-such-token"), 401, "E0000011");
        error(verifyPath(sms), Map.of("stateToken", "no-such-token", "passCode", "1"), 401, "E0000011");
        error(AUTHN + "/cancel", Map.of("stateToken", "no-such-token"), 401, "E0000011");
        error(AUTHN + "/previous", Map.of(), 401, "E0000011");
    }

    @Test
    void callsNotAllowedInTheStateAreE0000079() {
        String token = start(ada);
        error(AUTHN + "/previous", Map.of("stateToken", token), 403, "E0000079");
        error(verifyPath(question), Map.of("stateToken", token, "answer", "x"), 403, "E0000079");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void badInputGetsTheOktaErrorShape() {
        error(AUTHN, "{\"username\": ", 400, "E0000003");
        error(AUTHN, "[1,2]", 400, "E0000003");
        error(AUTHN, Map.of("password", "x"), 400, "E0000001");
        error(AUTHN, Map.of("username", " "), 400, "E0000001");
        String token = start(ada);
        error(AUTHN + "/factors/00000000-0000-4000-8000-000000000000/verify", Map.of("stateToken", token), 404, "E0000007");
        error(verifyPath(question).replace("/verify", "/nowhere"), Map.of("stateToken", token), 404, "E0000007");
        post(AUTHN, Map.of("username", ada.username())).statusCode(200)
                .header("Content-Type", equalTo("application/json"))
                .body("$", not(hasKey("errorCode")));
    }

    @Test
    void cancelEndsTheTransactionAndEchoesRelayState() {
        String token = ok(AUTHN, Map.of("username", ada.username(), "relayState", "/back")).getString("stateToken");
        post(AUTHN + "/cancel", Map.of("stateToken", token)).statusCode(200)
                .header("Content-Type", "application/json")
                .body("relayState", equalTo("/back")).body("status", nullValue());
        error(AUTHN, Map.of("stateToken", token), 401, "E0000011");
    }
}
