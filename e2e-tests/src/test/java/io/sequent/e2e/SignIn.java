package io.sequent.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.sequent.events.Topics;
import io.sequent.testing.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One sign-in through auth-flow's Okta-shaped Authentication API, driven the way a client does:
 * {@code POST /api/v1/authn}, then {@code verify} on the factors the last answer offers.
 */
final class SignIn {

    private JsonPath last;

    private SignIn(JsonPath first) {
        this.last = first;
    }

    static RequestSpecification authn() {
        return given().baseUri(Suite.Service.AUTH_FLOW.url()).contentType(ContentType.JSON);
    }

    /** Username only: the first step of factor sequencing (S4). */
    static SignIn passwordless(String username) {
        return new SignIn(authn().body(Map.of("username", username)).post("/api/v1/authn")
                .then().statusCode(200).extract().jsonPath());
    }

    /** A federated sign-in (S5): {@code assertion} from the identity provider of {@code connectionId}. */
    static SignIn federated(String connectionId, String assertion) {
        return new SignIn(authn().body(Map.of("assertion", assertion, "context", Map.of("connection", connectionId)))
                .post("/api/v1/authn").then().statusCode(200).extract().jsonPath());
    }

    /** The demo app's RFC 8693 exchange of a sessionToken at auth-flow: the access token. */
    static String accessToken(String sessionToken) {
        return given().baseUri(Suite.Service.AUTH_FLOW.url())
                .formParam("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .formParam("client_id", "sequent-demo").formParam("subject_token", sessionToken)
                .formParam("subject_token_type", "urn:sequent:params:oauth:token-type:session_token")
                .post("/oauth2/v1/token").then().statusCode(200).extract().path("access_token");
    }

    /** The raw answer to a username-and-password primary authentication. */
    static Response primary(String username, String password) {
        return authn().body(Map.of("username", username, "password", password)).post("/api/v1/authn");
    }

    /** Username and password: the password flow; fails the test unless it answers 200. */
    static SignIn withPassword(String username, String password) {
        return new SignIn(primary(username, password).then().statusCode(200).extract().jsonPath());
    }

    JsonPath last() {
        return last;
    }

    String status() {
        return last.getString("status");
    }

    String stateToken() {
        return last.getString("stateToken");
    }

    /** The factor types offered now ({@code _embedded.factors}). */
    List<String> offeredTypes() {
        return last.getList("_embedded.factors.factorType");
    }

    List<String> offeredIds() {
        return last.getList("_embedded.factors.id");
    }

    /** The id of the offered factor of {@code type}; fails when none is offered. */
    String offered(String type) {
        List<Map<String, Object>> factors = last.getList("_embedded.factors");
        assertThat(factors).as("factors offered in %s", status()).extracting(f -> f.get("factorType")).contains(type);
        return factors.stream().filter(f -> type.equals(f.get("factorType"))).findFirst().orElseThrow().get("id").toString();
    }

    /** POST verify with {@code body} (the state token is added); the raw answer, which does not move this sign-in on. */
    Response verifyRaw(String factorId, Map<String, Object> body) {
        return verify(stateToken(), factorId, body);
    }

    /** POST verify on {@code factorId} with any state token, e.g. one of another transaction; the raw answer. */
    static Response verify(String stateToken, String factorId, Map<String, Object> body) {
        var full = new java.util.HashMap<String, Object>(body);
        full.put("stateToken", stateToken);
        return authn().body(full).post("/api/v1/authn/factors/" + factorId + "/verify");
    }

    /** The transaction as it stands now ({@code {stateToken}} only); the raw answer. */
    static Response read(String stateToken) {
        return authn().body(Map.of("stateToken", stateToken)).post("/api/v1/authn");
    }

    private SignIn verify(String factorId, Map<String, Object> body) {
        last = verifyRaw(factorId, body).then().statusCode(200).extract().jsonPath();
        return this;
    }

    SignIn question(String answer) {
        return verify(offered("question"), Map.of("answer", answer));
    }

    SignIn password(String password) {
        return verify(offered("password"), Map.of("password", password));
    }

    SignIn totp(Totp app) {
        return verify(offered("token:software:totp"), Map.of("passCode", app.nextCode()));
    }

    /** sms: the challenge is sent (MFA_CHALLENGE), the code read from the outbound topic and verified. */
    SignIn sms() {
        String factorId = offered("sms");
        try (TopicProbe notifications = new TopicProbe(Topics.NOTIFICATIONS_OUTBOUND)) {
            verify(factorId, Map.of());
            assertThat(status()).isEqualTo("MFA_CHALLENGE");
            assertThat(last.getString("_links.next.name")).isEqualTo("verify");
            String code = Factors.smsCode(notifications, factorId);
            return verify(factorId, Map.of("passCode", code));
        }
    }

    /**
     * push with number matching: the push is sent (MFA_CHALLENGE, WAITING, the number to show), the
     * device picks that number among its three, and the client polls until the answer arrives.
     */
    SignIn push(PushDevice device) {
        return push(device.factorId, number -> device.answer(number, true));
    }

    /** As {@link #push(PushDevice)}, with the device's approval of the number done by {@code approve}. */
    SignIn push(String deviceFactorId, java.util.function.IntConsumer approve) {
        String factorId = offered("push");
        assertThat(factorId).isEqualTo(deviceFactorId);
        verify(factorId, Map.of());
        assertThat(status()).isEqualTo("MFA_CHALLENGE");
        assertThat(last.getString("factorResult")).isEqualTo("WAITING");
        assertThat(last.getString("_links.next.name")).isEqualTo("poll");
        int number = last.getInt("_embedded.factor._embedded.challenge.correctAnswer");
        approve.accept(number);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while ("MFA_CHALLENGE".equals(status()) && "WAITING".equals(last.getString("factorResult"))) {
            assertThat(Instant.now()).as("push answer reached the sign-in").isBefore(deadline);
            Suite.sleep(300);
            verify(factorId, Map.of());
        }
        return this;
    }

    String sessionToken() {
        assertThat(status()).isEqualTo("SUCCESS");
        return last.getString("sessionToken");
    }
}
