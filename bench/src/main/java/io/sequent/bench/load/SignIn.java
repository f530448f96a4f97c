package io.sequent.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** One complete sign-in through the Authentication API, each request timed as a step. */
final class SignIn {

    /** A sign-in that did not end in SUCCESS with a session token; {@code code} is what the stats count. */
    static final class Failed extends Exception {
        final String code;

        Failed(String code, String detail) {
            super(code + ": " + detail, null, false, false);
            this.code = code;
        }
    }

    private static final int MAX_PUSH_POLLS = 50;

    private final Http http;
    private final Endpoints endpoints;
    private final Scenario scenario;
    private final Stats stats;

    SignIn(Http http, Endpoints endpoints, Scenario scenario, Stats stats) {
        this.http = http;
        this.endpoints = endpoints;
        this.scenario = scenario;
        this.stats = stats;
    }

    void run(BenchUser user) throws Exception {
        Map<String, Object> primary = new HashMap<>();
        primary.put("username", user.username);
        if (scenario.passwordFirst) {
            primary.put("password", user.password);
        }
        primary.put("context", Map.of("orgId", scenario.org));
        Http.Answer answer = timed("authn", endpoints.authFlow() + "/api/v1/authn", primary);
        for (String type : scenario.chain) {
            answer = expect(answer, "MFA_REQUIRED", "UNAUTHENTICATED");
            String factorId = factorId(answer.body(), type);
            String verifyUrl = endpoints.authFlow() + "/api/v1/authn/factors/" + factorId + "/verify";
            String stateToken = answer.text("stateToken");
            answer = switch (type) {
                case Setup.TOTP -> {
                    String code = user.nextTotpCode(Instant.now());
                    if (code == null) {
                        throw new Failed("BENCH_NO_TOTP_STEP", "the user has no unused TOTP step");
                    }
                    yield timed("verify totp", verifyUrl, Map.of("stateToken", stateToken, "passCode", code));
                }
                case "question" -> timed("verify question", verifyUrl, Map.of("stateToken", stateToken, "answer", user.answer));
                case "push" -> push(user, verifyUrl, stateToken);
                default -> throw new IllegalStateException("no driver for " + type);
            };
        }
        expect(answer, "SUCCESS");
        if (answer.text("sessionToken") == null) {
            throw new Failed("BENCH_NO_SESSION_TOKEN", "SUCCESS without a sessionToken");
        }
    }

    private Http.Answer push(BenchUser user, String verifyUrl, String stateToken) throws Exception {
        Map<String, Object> body = Map.of("stateToken", stateToken);
        Http.Answer sent = expect(timed("push send", verifyUrl, body), "MFA_CHALLENGE");
        JsonNode correct = sent.body().findValue("correctAnswer");
        if (correct == null || !correct.isInt()) {
            throw new Failed("BENCH_NO_CORRECT_ANSWER", "no integer correctAnswer in " + sent.body());
        }
        // the device: its pending challenges, then the answer with the number the screen shows
        long ts = Instant.now().getEpochSecond();
        String sig = user.signPush("sequent-push-list|" + user.pushFactorId + "|" + ts);
        String devices = endpoints.factor() + "/api/v1/devices/" + user.pushFactorId + "/challenges";
        long t0 = System.nanoTime();
        Http.Answer pending = http.get(devices + "?ts=" + ts + "&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8), null);
        stats.step("device list", t0, System.nanoTime());
        if (!pending.ok() || pending.body().size() == 0) {
            throw new Failed("BENCH_DEVICE_LIST", "HTTP " + pending.status() + " " + pending.body());
        }
        String challengeId = pending.body().get(pending.body().size() - 1).path("challengeId").asText();
        int number = correct.asInt();
        String answerSig = user.signPush("sequent-push-answer|" + challengeId + "|APPROVE|" + number);
        t0 = System.nanoTime();
        Http.Answer answered = http.post(devices + "/" + challengeId,
                Map.of("decision", "APPROVE", "number", number, "signature", answerSig), null);
        stats.step("device answer", t0, System.nanoTime());
        if (!answered.ok()) {
            throw new Failed("BENCH_DEVICE_ANSWER", "HTTP " + answered.status() + " " + answered.body());
        }
        for (int i = 0; i < MAX_PUSH_POLLS; i++) {
            Http.Answer polled = timed("push poll", verifyUrl, body);
            if (!"MFA_CHALLENGE".equals(polled.text("status"))) {
                return polled;
            }
            Thread.sleep(20);
        }
        throw new Failed("BENCH_PUSH_NEVER_APPROVED", "still waiting after " + MAX_PUSH_POLLS + " polls");
    }

    private Http.Answer timed(String step, String url, Object body) throws Exception {
        long t0 = System.nanoTime();
        Http.Answer a = http.post(url, body, null);
        stats.step(step, t0, System.nanoTime());
        if (!a.ok()) {
            throw new Failed(a.errorCode(), step + ": HTTP " + a.status() + " " + a.body());
        }
        return a;
    }

    private static Http.Answer expect(Http.Answer a, String... statuses) throws Failed {
        String status = a.text("status");
        for (String s : statuses) {
            if (s.equals(status)) {
                return a;
            }
        }
        throw new Failed("BENCH_STATUS_" + status, "expected " + String.join("/", statuses) + ", got " + a.body());
    }

    private static String factorId(JsonNode body, String type) throws Failed {
        for (JsonNode f : body.path("_embedded").path("factors")) {
            if (type.equals(f.path("factorType").asText())) {
                return f.path("id").asText();
            }
        }
        throw new Failed("BENCH_FACTOR_NOT_OFFERED", type + " not offered in " + body);
    }
}
