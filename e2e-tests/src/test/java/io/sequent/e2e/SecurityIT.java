package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.testing.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8, hostile sign-ins, across the four services: state tokens of other transactions, steps
 * replayed, skipped or raced, one TOTP code replayed by a hundred sign-ins at once, brute force
 * against every code factor and the password, and usernames told apart by answers or by timing (S1,
 * S4, S13). The services run with their production settings: a factor locks after
 * {@value #LOCKOUT} failures, a sent code allows five attempts and a new one after 30 s, and each
 * username gets 120 primary authentications a minute, which no case here reaches (the timing cases
 * spread their requests over several users).
 */
@DisplayName("Issue 8: hostile sign-ins")
class SecurityIT {

    static final String TOTP = "token:software:totp";
    /** The question is only ever a second step; totp, sms and email only first steps. */
    static final String CHAINS = "[[\"" + TOTP + "\", \"question\"], [\"sms\", \"question\"], [\"email\", \"question\"]]";
    static final String ANSWER = "Elite on a BBC Micro";
    static final String PASSWORD = "correct horse battery staple";
    /** factor-service's sequent.factor.lockout.max-failures (S13: 10 in 15 minutes per user and factor). */
    static final int LOCKOUT = 10;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSuite() {
        Suite.get();
    }

    /** Factor sequencing with {@link #CHAINS}, email activated. */
    static void chains() {
        Policies.reset();
        Policies.written(Policies.admin().post("/api/v1/factor-types/email/lifecycle/activate")
                .then().statusCode(200).extract().response());
        Policies.factorSequence(CHAINS);
        Policies.sync();
    }

    /** The password flow, no MFA. */
    static void passwords() {
        Policies.reset();
        Policies.passwordSignIn();
        Policies.sync();
    }

    /** A local user with TOTP and the question (and sms, email, a password when asked for). */
    record Person(String username, String userId, Totp app, String questionId, String smsId, String emailId,
                  String passwordId) {
        static Person enrolled(boolean sms, boolean email, boolean password) {
            String username = Users.unique("sec");
            String id = Users.local(username, null);
            return new Person(username, id, Factors.totp(id), Factors.question(id, ANSWER),
                    sms ? Factors.sms(id, "+15555550142") : null, email ? Factors.email(id, username + "@example.org") : null,
                    password ? Factors.password(id, PASSWORD) : null);
        }

        static Person enrolled() {
            return enrolled(false, false, false);
        }

        /** A sign-in past its first step (TOTP), at the question. */
        SignIn atQuestion() {
            SignIn signIn = SignIn.passwordless(username).totp(app);
            assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
            assertThat(signIn.offeredTypes()).containsExactly("question");
            return signIn;
        }
    }

    // ---------------------------------------------------------------- tokens and steps

    @Test
    @DisplayName("a state token works only for its own transaction's factors: refused (E0000007), neither transaction moves")
    void aStateTokenOfAnotherTransactionMovesNeither() {
        chains();
        Person ann = Person.enrolled();
        Person ben = Person.enrolled();
        SignIn annSignIn = ann.atQuestion();
        SignIn benSignIn = SignIn.passwordless(ben.username());

        // ben's token on ann's question, with ann's answer; ann's token on ben's TOTP, with a code ben's app shows now
        SignIn.verify(benSignIn.stateToken(), ann.questionId(), Map.of("answer", ANSWER)).then().statusCode(404)
                .body("errorCode", equalTo("E0000007"));
        String benCode = ben.app().nextCode();
        SignIn.verify(annSignIn.stateToken(), ben.app().factorId, Map.of("passCode", benCode)).then().statusCode(404)
                .body("errorCode", equalTo("E0000007"));

        assertUnchanged(annSignIn);
        assertUnchanged(benSignIn);
        // the code reached no factor check: ben's own transaction still takes it (a checked code would be a replay)
        SignIn.verify(benSignIn.stateToken(), ben.app().factorId, Map.of("passCode", benCode)).then().statusCode(200)
                .body("status", equalTo("MFA_REQUIRED"));
        annSignIn.question(ANSWER);
        assertThat(annSignIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("a step verified again after the transaction moved on is refused (E0000079), and its code in a new sign-in too (E0000082)")
    void aStepReplayedIsRefusedAndChangesNothing() {
        chains();
        Person cat = Person.enrolled();
        SignIn signIn = SignIn.passwordless(cat.username());
        String code = cat.app().nextCode();
        Response first = signIn.verifyRaw(cat.app().factorId, Map.of("passCode", code));
        first.then().statusCode(200).body("status", equalTo("MFA_REQUIRED"));
        String token = signIn.stateToken();
        JsonPath before = SignIn.read(token).then().statusCode(200).extract().jsonPath();

        SignIn.verify(token, cat.app().factorId, Map.of("passCode", code)).then().statusCode(403)
                .body("errorCode", equalTo("E0000079"));
        SignIn.verify(token, cat.app().factorId, Map.of("passCode", cat.app().nextCode())).then().statusCode(403)
                .body("errorCode", equalTo("E0000079"));
        JsonPath after = SignIn.read(token).then().statusCode(200).extract().jsonPath();
        assertThat(after.getString("status")).isEqualTo(before.getString("status"));
        assertThat(after.getList("_embedded.factors.id")).isEqualTo(before.getList("_embedded.factors.id"));

        // the code of the step, in a sign-in of its own: accepted once (S13)
        SignIn again = SignIn.passwordless(cat.username());
        again.verifyRaw(cat.app().factorId, Map.of("passCode", code)).then().statusCode(403)
                .body("errorCode", equalTo("E0000082"));
        assertUnchanged(again);
    }

    @Test
    @DisplayName("steps out of order are refused (E0000079): a second factor first, a factor of another chain second")
    void stepsOutOfOrderAreRefused() {
        chains();
        Person dan = Person.enrolled(true, false, false);
        SignIn signIn = SignIn.passwordless(dan.username());
        assertThat(signIn.offeredTypes()).containsExactlyInAnyOrder(TOTP, "sms");
        signIn.verifyRaw(dan.questionId(), Map.of("answer", ANSWER)).then().statusCode(403)
                .body("errorCode", equalTo("E0000079"));
        assertUnchanged(signIn);

        signIn.totp(dan.app());
        // sms starts another chain: after TOTP only the question is next, and sms is not even challenged
        try (TopicProbe notifications = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
            signIn.verifyRaw(dan.smsId(), Map.of()).then().statusCode(403).body("errorCode", equalTo("E0000079"));
            assertThat(notifications.awaitRecord(Duration.ofSeconds(3),
                    r -> r.value() != null && r.value().contains(dan.smsId()))).isEmpty();
        }
        signIn.verifyRaw(dan.smsId(), Map.of("passCode", "123456")).then().statusCode(403)
                .body("errorCode", equalTo("E0000079"));
        assertUnchanged(signIn);
        signIn.question(ANSWER);
        assertThat(signIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("of two concurrent verifies of one step with the right answer, exactly one advances; the other gets E0000079")
    void ofTwoConcurrentRightAnswersExactlyOneAdvances() throws Exception {
        chains();
        Person eve = Person.enrolled();
        SignIn signIn = eve.atQuestion();
        List<Response> answers = concurrently(2, i -> signIn.verifyRaw(eve.questionId(), Map.of("answer", ANSWER)));

        assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 403);
        Response winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        Response loser = answers.stream().filter(r -> r.statusCode() == 403).findFirst().orElseThrow();
        assertThat(loser.jsonPath().getString("errorCode")).isEqualTo("E0000079");
        assertThat(winner.jsonPath().getString("status")).isEqualTo("SUCCESS");
        // the transaction ended once, with one session token; its state token is spent
        SignIn.read(signIn.stateToken()).then().statusCode(401).body("errorCode", equalTo("E0000011"));
    }

    @Test
    @DisplayName("\"100 concurrent replays of one TOTP code (exactly one success)\": a hundred sign-ins of one user, one code")
    void oneTotpCodeInAHundredConcurrentSignInsSucceedsOnce() throws Exception {
        chains();
        Person fay = Person.enrolled();
        int replays = 100;
        List<SignIn> signIns = new ArrayList<>();
        for (int i = 0; i < replays; i++) {
            signIns.add(SignIn.passwordless(fay.username()));
        }
        String code = fay.app().nextCode();
        List<HttpResponse<String>> answers = concurrentRaw(signIns.stream().map(s -> verifyRequest(s.stateToken(),
                fay.app().factorId, "{\"passCode\": \"" + code + "\"}")).toList());

        List<String> outcomes = answers.stream().map(r -> r.statusCode() == 200 ? "200 " + JsonPath.from(r.body()).getString("status")
                : r.statusCode() + " " + JsonPath.from(r.body()).getString("errorCode")).toList();
        assertThat(outcomes).filteredOn(o -> o.startsWith("200")).containsExactly("200 MFA_REQUIRED");
        // the others: a replay, or (once the replays reached the lockout) the locked factor; never a 5xx
        assertThat(outcomes).filteredOn(o -> !o.startsWith("200")).hasSize(replays - 1)
                .allMatch(o -> o.equals("403 E0000082") || o.equals("403 E0000069"));
        // the one that succeeded is at the question; the replays were refused without moving theirs on
        for (int i = 0; i < replays; i++) {
            Response now = SignIn.read(signIns.get(i).stateToken());
            if (outcomes.get(i).equals("403 E0000069")) {
                now.then().statusCode(401).body("errorCode", equalTo("E0000011"));
            } else {
                now.then().statusCode(200).body("status", equalTo(outcomes.get(i).startsWith("200") ? "MFA_REQUIRED" : "UNAUTHENTICATED"));
            }
        }
    }

    // ---------------------------------------------------------------- brute force (S13)

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {TOTP, "question", "sms", "email"})
    @DisplayName("brute force against a code factor: wrong codes until it locks, then even the right one is refused; factor.locked published")
    void bruteForceLocksTheFactor(String type) {
        chains();
        Person gus = Person.enrolled("sms".equals(type), "email".equals(type), false);
        String factorId = switch (type) {
            case "question" -> gus.questionId();
            case "sms" -> gus.smsId();
            case "email" -> gus.emailId();
            default -> gus.app().factorId;
        };
        try (TopicProbe factorEvents = new TopicProbe(Topics.FACTOR_EVENTS)) {
            SignIn signIn = "question".equals(type) ? gus.atQuestion() : SignIn.passwordless(gus.username());
            int failures = switch (type) {
                case "sms", "email" -> guessSentCodes(signIn, factorId);
                default -> guess(signIn, factorId, i -> TOTP.equals(type) ? Map.of("passCode", gus.app().wrongCode())
                        : Map.of("answer", "wrong answer " + i));
            };
            assertThat(failures).as("failures until the factor locked").isLessThanOrEqualTo(LOCKOUT);
            SignIn.read(signIn.stateToken()).then().statusCode(401).body("errorCode", equalTo("E0000011"));

            var locked = (FactorEvent) factorEvents.await(Duration.ofSeconds(30), gus.userId(),
                    EventType.FACTOR_LOCKED.typeName()).data();
            assertThat(locked.factorId()).isEqualTo(factorId);
            assertThat(locked.lockedUntil()).isAfter(Instant.now());
        }

        // a new sign-in with the right code (answer): refused, the user locked (E0000069)
        SignIn next = "question".equals(type) ? gus.atQuestion() : SignIn.passwordless(gus.username());
        Map<String, Object> right = switch (type) {
            case "question" -> Map.of("answer", ANSWER);
            case "sms", "email" -> Map.of(); // a challenge: no code is sent any more
            default -> Map.of("passCode", gus.app().nextCode());
        };
        try (TopicProbe notifications = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
            next.verifyRaw(factorId, right).then().statusCode(403).body("errorCode", equalTo("E0000069"));
            if (right.isEmpty()) {
                assertThat(notifications.awaitRecord(Duration.ofSeconds(3),
                        r -> r.value() != null && r.value().contains(factorId))).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("brute force against a local user's password: locked after the limit, the right password refused too (E0000004, S1)")
    void bruteForceLocksThePassword() {
        passwords();
        Person hal = Person.enrolled(false, false, true);
        assertThat(SignIn.withPassword(hal.username(), PASSWORD).sessionToken()).isNotBlank();
        try (TopicProbe factorEvents = new TopicProbe(Topics.FACTOR_EVENTS)) {
            for (int i = 1; i <= LOCKOUT; i++) {
                SignIn.primary(hal.username(), "wrong password " + i).then().statusCode(401)
                        .body("errorCode", equalTo("E0000004"));
            }
            var locked = (FactorEvent) factorEvents.await(Duration.ofSeconds(30), hal.userId(),
                    EventType.FACTOR_LOCKED.typeName()).data();
            assertThat(locked.factorId()).isEqualTo(hal.passwordId());
        }
        // hidden lockout (contract §3): the answer a wrong password gets
        SignIn.primary(hal.username(), PASSWORD).then().statusCode(401).body("errorCode", equalTo("E0000004"));
    }

    /**
     * Wrong answers to one step until the factor locks: each refused with E0000068 and the state
     * unchanged, the last with E0000069. Answers how many it took.
     */
    private static int guess(SignIn signIn, String factorId, Function<Integer, Map<String, Object>> wrong) {
        for (int i = 1; i <= LOCKOUT + 2; i++) {
            Response answer = signIn.verifyRaw(factorId, wrong.apply(i));
            answer.then().statusCode(403);
            if ("E0000069".equals(answer.jsonPath().getString("errorCode"))) {
                return i;
            }
            assertThat(answer.jsonPath().getString("errorCode")).as("wrong guess %d", i).isEqualTo("E0000068");
            assertUnchanged(signIn);
        }
        throw new AssertionError("no lockout after " + (LOCKOUT + 2) + " wrong guesses");
    }

    /**
     * sms/email: a code is sent, wrong codes are guessed until it is used up, a new one is asked for
     * (after the resend cooldown), and so on until the factor locks. Answers the counted failures.
     */
    private static int guessSentCodes(SignIn signIn, String factorId) {
        int failures = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            String code;
            try (TopicProbe notifications = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
                Response sent = signIn.verifyRaw(factorId, Map.of());
                if (sent.statusCode() == 429) { // the resend cooldown (E0000109)
                    assertThat(sent.jsonPath().getString("errorCode")).isEqualTo("E0000109");
                    Suite.sleep(2000);
                    continue;
                }
                sent.then().statusCode(200).body("status", equalTo("MFA_CHALLENGE"));
                code = Factors.smsCode(notifications, factorId);
            }
            String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
            while (true) {
                Response answer = signIn.verifyRaw(factorId, Map.of("passCode", wrong));
                answer.then().statusCode(403);
                String error = answer.jsonPath().getString("errorCode");
                if ("E0000069".equals(error)) {
                    return failures + 1;
                }
                assertThat(error).isEqualTo("E0000068");
                SignIn.read(signIn.stateToken()).then().statusCode(200).body("status", equalTo("MFA_CHALLENGE"));
                if (answer.jsonPath().getString("errorCauses[0].errorSummary").contains("expired")) {
                    break; // the code is used up; this attempt was not counted
                }
                failures++;
                assertThat(failures).as("failures without a lockout").isLessThan(LOCKOUT + 2);
            }
        }
        throw new AssertionError("no lockout within 3 minutes after " + failures + " failures");
    }

    // ---------------------------------------------------------------- enumeration (S1)

    @Test
    @DisplayName("S1, passwordless: an unknown username's first step and wrong code get the answers a known one's get")
    void passwordlessAnswersDoNotTellUsernamesApart() {
        chains();
        Person ivy = Person.enrolled(true, true, false); // every first factor: TOTP, sms, email
        Response known = start(ivy.username(), null);
        // (a decoy "holds" each first factor with probability one half: one that holds TOTP and sms)
        Response unknown = null;
        for (int i = 0; i < 40 && unknown == null; i++) {
            Response candidate = start(Users.unique("nobody"), null);
            assertSameAnswer(known, candidate);
            if (JsonPath.from(candidate.asString()).getList("_embedded.factors.factorType").containsAll(List.of(TOTP, "sms"))) {
                unknown = candidate;
            }
        }
        assertThat(unknown).as("an unknown username offered TOTP and sms").isNotNull();
        String knownToken = JsonPath.from(known.asString()).getString("stateToken");
        String unknownToken = JsonPath.from(unknown.asString()).getString("stateToken");
        String wrong = ivy.app().wrongCode();
        Response knownWrong = SignIn.verify(knownToken, ivy.app().factorId, Map.of("passCode", wrong));
        assertThat(knownWrong.statusCode()).isEqualTo(403);
        assertSameAnswer(knownWrong, SignIn.verify(unknownToken, offeredId(unknown, TOTP), Map.of("passCode", wrong)));
        // an sms code sent without asking for one first: no code was ever sent
        assertSameAnswer(SignIn.verify(knownToken, ivy.smsId(), Map.of("passCode", "123456")),
                SignIn.verify(unknownToken, offeredId(unknown, "sms"), Map.of("passCode", "123456")));
    }

    private static String offeredId(Response answer, String type) {
        return JsonPath.from(answer.asString()).getString("_embedded.factors.find { it.factorType == '" + type + "' }.id");
    }

    @Test
    @DisplayName("S1, with a password: an unknown username gets the answer a known one's wrong password gets")
    void passwordAnswersDoNotTellUsernamesApart() {
        passwords();
        Person jon = Person.enrolled(false, false, true);
        Response known = start(jon.username(), "not " + PASSWORD);
        assertThat(known.statusCode()).isEqualTo(401);
        assertSameAnswer(known, start(Users.unique("nobody"), "not " + PASSWORD));
        assertSameAnswer(known, start(Users.unique("nobody"), PASSWORD));
    }

    @Test
    @DisplayName("S1, passwordless: known and unknown usernames take the same time (interleaved samples, Mann-Whitney U)")
    void passwordlessTimingDoesNotTellUsernamesApart() throws Exception {
        chains();
        List<Person> known = List.of(Person.enrolled(), Person.enrolled(), Person.enrolled(), Person.enrolled());
        Timings timings = measure(TIMING_SAMPLES, TIMING_SAMPLES, i -> authnRequest(known.get(i % known.size()).username(), null),
                i -> authnRequest(Users.unique("nobody"), null), 200, i -> { });
        assertIndistinguishable("passwordless", timings);
    }

    @Test
    @DisplayName("S1, with a password: a known username's wrong password and an unknown username take the same time")
    void passwordTimingDoesNotTellUsernamesApart() throws Exception {
        passwords();
        List<Person> known = List.of(Person.enrolled(false, false, true), Person.enrolled(false, false, true),
                Person.enrolled(false, false, true), Person.enrolled(false, false, true));
        int[] wrongs = new int[known.size()];
        Timings timings = measure(PASSWORD_SAMPLES, 3 * PASSWORD_SAMPLES, i -> authnRequest(known.get(i % known.size()).username(), "not " + PASSWORD),
                i -> authnRequest(Users.unique("nobody"), "not " + PASSWORD), 401, i -> {
                    // a right password now and then (not timed) clears the failure count before the lockout
                    int user = i % known.size();
                    if (++wrongs[user] % (LOCKOUT - 2) == 0) {
                        assertThat(SignIn.withPassword(known.get(user).username(), PASSWORD).sessionToken()).isNotBlank();
                    }
                });
        assertIndistinguishable("password", timings);
    }

    /** Samples (ms) of known and unknown usernames, taken in pairs in random order. */
    record Timings(double[] known, double[] unknown) {
    }

    static final int TIMING_SAMPLES = Integer.getInteger("security.timing-samples", 200);
    /**
     * With a password the spread is an Argon2id check's on a shared machine: more samples to see 30 ms in
     * it, up to three times as many (the four users stay well under 120 a minute at a password check's pace;
     * without a password they would not, and need no more).
     */
    static final int PASSWORD_SAMPLES = Integer.getInteger("security.password-timing-samples", 300);
    /** Pairs not counted: they also replace what auth-flow remembers of earlier answers (AnswerTimes keeps 64). */
    static final int WARM_UP = 40;

    /**
     * At least {@code samples} pairs, and more (in steps of 100, at most {@code max}) while the samples
     * are too noisy for a planted 30 ms leak to be seen: a busy machine costs time, not a verdict.
     */
    private static Timings measure(int samples, int max, java.util.function.IntFunction<HttpRequest> known,
                                   java.util.function.IntFunction<HttpRequest> unknown,
                                   int status, java.util.function.IntConsumer beforeKnown) throws Exception {
        Random order = new Random(42);
        double[] k = new double[max];
        double[] u = new double[max];
        int taken = samples;
        for (int i = -WARM_UP; i < taken; i++) {
            int n = i + WARM_UP;
            boolean knownFirst = order.nextBoolean();
            for (int turn = 0; turn < 2; turn++) {
                boolean isKnown = (turn == 0) == knownFirst;
                if (isKnown) {
                    beforeKnown.accept(n);
                }
                HttpRequest request = isKnown ? known.apply(n) : unknown.apply(n);
                long start = System.nanoTime();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - start) / 1e6;
                assertThat(response.statusCode()).as("%s username: %s", isKnown ? "known" : "unknown", response.body())
                        .isEqualTo(status);
                if (i >= 0) {
                    (isKnown ? k : u)[i] = ms;
                }
            }
            if (i == taken - 1 && taken < max && !planted(java.util.Arrays.copyOf(k, taken), java.util.Arrays.copyOf(u, taken))
                    .distinguishable()) {
                taken = Math.min(max, taken + 100);
            }
        }
        return new Timings(java.util.Arrays.copyOf(k, taken), java.util.Arrays.copyOf(u, taken));
    }

    /** The known samples with a 30 ms leak planted, against the unknown ones. */
    private static TimingComparison planted(double[] known, double[] unknown) {
        return TimingComparison.of(java.util.Arrays.stream(known).map(ms -> ms + 30).toArray(), unknown);
    }

    /**
     * Fails when the two samples differ: a Mann-Whitney U test (two-sided, p < 0.001) finds a shift,
     * and the shift (Hodges-Lehmann) is larger than the tolerance. First proves the test would see a
     * leak: the known samples plus 30 ms must be told apart from the unknown ones.
     */
    private static void assertIndistinguishable(String flow, Timings t) {
        TimingComparison real = TimingComparison.of(t.known(), t.unknown());
        TimingComparison planted = planted(t.known(), t.unknown());
        System.out.printf("%s timing (%d pairs): %s; with 30 ms planted: %s%n", flow, t.known().length, real, planted);
        assertThat(planted.distinguishable()).as("a planted 30 ms leak is seen (%s)", planted).isTrue();
        assertThat(real.distinguishable()).as("known and unknown usernames told apart by time (%s)", real).isFalse();
    }

    // ---------------------------------------------------------------- shared
    private static Response start(String username, String password) {
        return SignIn.authn().body(password == null ? Map.of("username", username) : Map.of("username", username, "password", password))
                .post("/api/v1/authn");
    }

    private static HttpRequest authnRequest(String username, String password) {
        String body = "{\"username\": \"" + username + "\"" + (password == null ? "" : ", \"password\": \"" + password + "\"") + "}";
        return HttpRequest.newBuilder(URI.create(Suite.Service.AUTH_FLOW.url() + "/api/v1/authn"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * Same status, same headers (names), same body apart from ids, tokens and times; a list of offered
     * factors may be shorter, each of its factors one the known user is offered.
     */
    private static void assertSameAnswer(Response known, Response other) {
        assertThat(other.statusCode()).isEqualTo(known.statusCode());
        assertThat(headerNames(other)).isEqualTo(headerNames(known));
        var k = normalised(known.asString());
        var o = normalised(other.asString());
        var kFactors = k.path("_embedded").path("factors");
        var oFactors = o.path("_embedded").path("factors");
        if (kFactors.isArray()) {
            List<com.fasterxml.jackson.databind.JsonNode> offered = new ArrayList<>();
            kFactors.forEach(offered::add);
            assertThat(oFactors.isArray() && !oFactors.isEmpty()).as("factors offered: %s", other.asString()).isTrue();
            oFactors.forEach(f -> assertThat(offered).as("a factor like a known user's").contains(f));
            ((com.fasterxml.jackson.databind.node.ObjectNode) k.path("_embedded")).remove("factors");
            ((com.fasterxml.jackson.databind.node.ObjectNode) o.path("_embedded")).remove("factors");
        }
        assertThat(o).as("answer for an unknown username").isEqualTo(k);
    }

    private static java.util.Set<String> headerNames(Response r) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        r.headers().forEach(h -> names.add(h.getName().toLowerCase(java.util.Locale.ROOT)));
        names.removeAll(List.of("date", "content-length"));
        return names;
    }

    private static com.fasterxml.jackson.databind.JsonNode normalised(String body) {
        try {
            var tree = JSON.readTree(body);
            String token = tree.path("stateToken").asText("");
            return normalised(tree, token);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode normalised(com.fasterxml.jackson.databind.JsonNode node, String token) {
        if (node.isObject()) {
            var out = JSON.createObjectNode();
            // (factorsPolicyInfo is keyed by factor id)
            node.fields().forEachRemaining(e -> out.set(ID.matcher(e.getKey()).replaceAll("<id>"), "errorId".equals(e.getKey())
                    ? JSON.getNodeFactory().textNode("<errorId>") : normalised(e.getValue(), token)));
            return out;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(n -> out.add(normalised(n, token)));
            return out;
        }
        if (node.isTextual()) {
            String text = node.asText();
            if (!token.isEmpty()) {
                text = text.replace(token, "<token>");
            }
            return JSON.getNodeFactory().textNode(TIME.matcher(ID.matcher(text).replaceAll("<id>")).replaceAll("<time>"));
        }
        return node;
    }


    /** The transaction still answers, in the state and with the offers of the sign-in's last answer. */
    private static void assertUnchanged(SignIn signIn) {
        JsonPath now = SignIn.read(signIn.stateToken()).then().statusCode(200).extract().jsonPath();
        assertThat(now.getString("status")).isEqualTo(signIn.status());
        assertThat(now.getList("_embedded.factors.id")).isEqualTo(signIn.offeredIds());
    }

    /** Runs {@code n} calls at once (released together); their answers in order. */
    private static List<Response> concurrently(int n, Function<Integer, Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(index);
                }));
            }
            go.countDown();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpRequest verifyRequest(String stateToken, String factorId, String fields) {
        String body = "{\"stateToken\": \"" + stateToken + "\", " + fields.substring(1);
        return HttpRequest.newBuilder(URI.create(Suite.Service.AUTH_FLOW.url() + "/api/v1/authn/factors/" + factorId + "/verify"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Sends every request at once, each on a connection of its own; the answers in order. */
    private static List<HttpResponse<String>> concurrentRaw(List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<String>>> sent = requests.stream()
                .map(r -> HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString())).toList();
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
