package io.sequent.authflow.api;

import static io.restassured.RestAssured.given;
import static io.sequent.authflow.api.AuthnApiTest.AUTHN;
import static io.sequent.authflow.api.AuthnApiTest.error;
import static io.sequent.authflow.api.AuthnApiTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mockito.Mockito.when;

import io.quarkus.test.InjectMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.SessionTokens;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.SessionRevoked;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session tokens exchanged for tokens and sessions, sessions for admins, and S2 through the users topic. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class SessionsApiTest {

    static final String TOKEN = "/oauth2/v1/token";
    static final String DEMO_CALLBACK = "http://127.0.0.1:8080/demo/callback";

    @InjectMock
    FactorClient factors;

    @InjectMock
    DirectoryClient directory;

    @Inject
    UserReadModel users;

    @Inject
    SessionTokens sessionTokens;

    @Inject
    PolicySnapshots policies;

    UserSnapshot ada;

    @BeforeEach
    void seed() {
        org.mockito.Mockito.when(factors.decoyPassword(org.mockito.ArgumentMatchers.any()))
                .thenReturn(io.smallrye.mutiny.Uni.createFrom().voidItem());
        policies.offer(AuthnFixtures.policy());
        ada = new UserSnapshot(UUID.randomUUID().toString(), 1, UserSource.LOCAL, null, null,
                AuthnFixtures.newUsername("ada"), null, "Ada", "Lovelace", null, UserStatus.ACTIVE, false, false, null,
                null, "acme", List.of(new OrgMembership("acme", List.of("staff", "approver"))), List.of(), Instant.now());
        users.apply(ada).await().atMost(Duration.ofSeconds(5));
    }

    String sessionToken(UserSnapshot user) {
        return sessionTokens.issue(new SessionTokens.Grant(user.userId(), "acme", List.of("sms", "swk", "mfa"),
                UUID.randomUUID().toString(), Instant.now(), 7200)).await().atMost(Duration.ofSeconds(5));
    }

    static ExtractableResponse<Response> exchange(String clientId, String sessionToken) {
        return given().formParam("grant_type", TokenResource.TOKEN_EXCHANGE).formParam("client_id", clientId)
                .formParam("subject_token", sessionToken).formParam("subject_token_type", TokenResource.SESSION_TOKEN_TYPE)
                .post(TOKEN).then().extract();
    }

    static JwtClaims claims(String jwt) throws Exception {
        return TokenEndpointTest.verify(jwt, given().get("/oauth2/v1/keys").then().statusCode(200).extract().asString());
    }

    static String admin() {
        return "Bearer " + TestTokens.admin();
    }

    // ---------------------------------------------------------------- token exchange and sessions

    @Test
    void aSessionTokenIsExchangedOnceForSignedTokensAndAnAdminSeesThenRevokesTheSession() throws Exception {
        String sessionToken = sessionToken(ada);
        var answer = exchange("sequent-demo", sessionToken);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.<String>path("issued_token_type")).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        JwtClaims access = claims(answer.path("access_token"));
        JwtClaims id = claims(answer.path("id_token"));
        assertThat(access.getSubject()).isEqualTo(ada.userId());
        assertThat(access.getStringListClaimValue("amr")).containsExactly("sms", "swk", "mfa");
        assertThat(access.getStringClaimValue("acr")).isEqualTo("urn:sequent:loa:2fa");
        assertThat(access.getStringClaimValue("org_id")).isEqualTo("acme");
        assertThat(access.getStringListClaimValue("groups")).containsExactlyInAnyOrder("staff", "approver");
        assertThat(id.getAudience()).containsExactly("sequent-demo");
        assertThat(id.getStringClaimValue("preferred_username")).isEqualTo(ada.username());
        String sid = access.getStringClaimValue("sid");
        assertThat(id.getStringClaimValue("sid")).isEqualTo(sid);

        // the session token is used up
        var again = exchange("sequent-demo", sessionToken);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.<String>path("error")).isEqualTo("invalid_grant");

        given().header("Authorization", admin()).get("/api/v1/sessions/" + sid).then().statusCode(200)
                .body("userId", equalTo(ada.userId())).body("clientId", equalTo("sequent-demo"))
                .body("orgId", equalTo("acme"));
        List<String> listed = given().header("Authorization", admin()).get("/api/v1/users/" + ada.userId() + "/sessions")
                .then().statusCode(200).extract().path("id");
        assertThat(listed).containsExactly(sid);

        try (TopicProbe events = new TopicProbe("sequent.auth.events")) {
            given().header("Authorization", admin()).delete("/api/v1/sessions/" + sid).then().statusCode(204);
            CloudEvent<?> revoked = events.await(Duration.ofSeconds(20), ada.userId(), EventType.AUTH_SESSION_REVOKED.typeName());
            assertThat(((SessionRevoked) revoked.data()).sessionId()).isEqualTo(sid);
            assertThat(((SessionRevoked) revoked.data()).reason()).isEqualTo("ADMIN_REVOKED");
        }
        given().header("Authorization", admin()).get("/api/v1/sessions/" + sid).then().statusCode(404)
                .header("Content-Type", "application/problem+json").body("status", equalTo(404));
        given().header("Authorization", admin()).delete("/api/v1/sessions/" + sid).then().statusCode(404);
    }

    @Test
    void sessionEndpointsAreForAdminsOnlyAndAnswerProblems() {
        given().get("/api/v1/sessions/" + UUID.randomUUID()).then().statusCode(401)
                .header("Content-Type", "application/problem+json").header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer " + TestTokens.token("someone", "user"))
                .get("/api/v1/sessions/" + UUID.randomUUID()).then().statusCode(403)
                .header("Content-Type", "application/problem+json");
        given().header("Authorization", "Bearer " + TestTokens.foreign("admin"))
                .get("/api/v1/sessions/" + UUID.randomUUID()).then().statusCode(401);
        given().header("Authorization", admin()).get("/api/v1/sessions/not-a-session").then().statusCode(404)
                .body("title", equalTo("Not Found"));
        given().header("Authorization", admin()).get("/api/v1/users/bad%20id/sessions").then().statusCode(400)
                .header("Content-Type", "application/problem+json").body("errors[0].pointer", equalTo("userId"));
        given().header("Authorization", admin()).get("/api/v1/users/" + UUID.randomUUID() + "/sessions")
                .then().statusCode(200).body("size()", equalTo(0));
        given().header("Authorization", admin()).delete("/api/v1/users/" + ada.userId() + "/sessions")
                .then().statusCode(204);
    }

    @Test
    void theExchangeRefusesBadClientsAndTokenTypes() {
        String sessionToken = sessionToken(ada);
        given().formParam("grant_type", TokenResource.TOKEN_EXCHANGE).formParam("client_id", "admin-cli")
                .formParam("subject_token", sessionToken).formParam("subject_token_type", TokenResource.SESSION_TOKEN_TYPE)
                .post(TOKEN).then().statusCode(401).body("error", equalTo("invalid_client"));
        given().formParam("grant_type", TokenResource.TOKEN_EXCHANGE).formParam("client_id", "sequent-demo")
                .formParam("subject_token", sessionToken).formParam("subject_token_type", "urn:ietf:params:oauth:token-type:jwt")
                .post(TOKEN).then().statusCode(400).body("error", equalTo("invalid_request"));
        given().formParam("grant_type", TokenResource.TOKEN_EXCHANGE).formParam("client_id", "sequent-demo")
                .formParam("subject_token_type", TokenResource.SESSION_TOKEN_TYPE)
                .post(TOKEN).then().statusCode(400).body("error", equalTo("invalid_request"));
        // a confidential client with its secret may exchange too; the token was not used up by the refusals
        given().auth().preemptive().basic("admin-cli", "local-admin-secret")
                .formParam("grant_type", TokenResource.TOKEN_EXCHANGE).formParam("subject_token", sessionToken)
                .formParam("subject_token_type", TokenResource.SESSION_TOKEN_TYPE)
                .post(TOKEN).then().statusCode(200).body("id_token", org.hamcrest.Matchers.notNullValue());
    }

    // ---------------------------------------------------------------- the classic redirect

    @Test
    void theAuthorizationCodeFlowWithPkceAnswersTokensWithTheNonce() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" + UUID.randomUUID().toString().replace("-", "");
        String challenge = TokenResource.s256(verifier);
        var redirect = given().redirects().follow(false).queryParam("client_id", "sequent-demo")
                .queryParam("redirect_uri", DEMO_CALLBACK).queryParam("response_type", "code")
                .queryParam("scope", "openid profile").queryParam("state", "st-1").queryParam("nonce", "n-42")
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .queryParam("sessionToken", sessionToken(ada)).get("/oauth2/v1/authorize").then().statusCode(302).extract();
        URI location = URI.create(redirect.header("Location"));
        assertThat(location.toString()).startsWith(DEMO_CALLBACK + "?");
        Map<String, String> query = query(location);
        assertThat(query).containsEntry("state", "st-1").containsKey("code");

        given().formParam("grant_type", "authorization_code").formParam("client_id", "sequent-demo")
                .formParam("code", query.get("code")).formParam("redirect_uri", DEMO_CALLBACK)
                .formParam("code_verifier", verifier.replace('d', 'e')).post(TOKEN).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        // a code is redeemed at most once, even after a failed attempt: ask for a new one
        var second = given().redirects().follow(false).queryParam("client_id", "sequent-demo")
                .queryParam("redirect_uri", DEMO_CALLBACK).queryParam("response_type", "code")
                .queryParam("scope", "openid").queryParam("nonce", "n-43")
                .queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .queryParam("sessionToken", sessionToken(ada)).get("/oauth2/v1/authorize").then().statusCode(302).extract();
        String code = query(URI.create(second.header("Location"))).get("code");
        var tokens = given().formParam("grant_type", "authorization_code").formParam("client_id", "sequent-demo")
                .formParam("code", code).formParam("redirect_uri", DEMO_CALLBACK).formParam("code_verifier", verifier)
                .post(TOKEN).then().statusCode(200).extract();
        JwtClaims id = claims(tokens.path("id_token"));
        assertThat(id.getStringClaimValue("nonce")).isEqualTo("n-43");
        assertThat(id.getSubject()).isEqualTo(ada.userId());
        given().formParam("grant_type", "authorization_code").formParam("client_id", "sequent-demo")
                .formParam("code", code).formParam("redirect_uri", DEMO_CALLBACK).formParam("code_verifier", verifier)
                .post(TOKEN).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void theConsoleClientGetsTokensWithTheAdminsRolesThroughTheCodeFlow() throws Exception {
        String console = "http://localhost:8081/console/";
        UserSnapshot grace = new UserSnapshot(UUID.randomUUID().toString(), 1, UserSource.LOCAL, null, null,
                AuthnFixtures.newUsername("grace"), null, "Grace", "Hopper", null, UserStatus.ACTIVE, false, false, null,
                null, "acme", List.of(new OrgMembership("acme", List.of("admin"))), List.of(), Instant.now());
        users.apply(grace).await().atMost(Duration.ofSeconds(5));
        String verifier = UUID.randomUUID().toString() + UUID.randomUUID();
        var redirect = given().redirects().follow(false).queryParam("client_id", "sequent-console")
                .queryParam("redirect_uri", console).queryParam("response_type", "code").queryParam("scope", "openid")
                .queryParam("state", "c-1").queryParam("code_challenge", TokenResource.s256(verifier))
                .queryParam("code_challenge_method", "S256").queryParam("sessionToken", sessionToken(grace))
                .get("/oauth2/v1/authorize").then().statusCode(302).extract();
        Map<String, String> query = query(URI.create(redirect.header("Location")));
        assertThat(redirect.header("Location")).startsWith(console + "?");
        // public: no secret, PKCE binds the code
        var tokens = given().formParam("grant_type", "authorization_code").formParam("client_id", "sequent-console")
                .formParam("code", query.get("code")).formParam("redirect_uri", console)
                .formParam("code_verifier", verifier).post(TOKEN).then().statusCode(200).extract();
        JwtClaims access = claims(tokens.path("access_token"));
        assertThat(access.getSubject()).isEqualTo(grace.userId());
        assertThat(access.getStringListClaimValue("groups")).containsExactly("admin");
        assertThat(access.getStringListClaimValue("roles")).containsExactly("admin");
        assertThat(claims(tokens.path("id_token")).getAudience()).containsExactly("sequent-console");
        // a public client never gets client_credentials
        given().formParam("grant_type", "client_credentials").formParam("client_id", "sequent-console").post(TOKEN)
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void theAuthorizeEndpointNeverRedirectsToAnUnregisteredUriAndRedirectsOtherErrors() {
        given().redirects().follow(false).queryParam("client_id", "sequent-demo")
                .queryParam("redirect_uri", "https://evil.example/cb").queryParam("response_type", "code")
                .queryParam("scope", "openid").get("/oauth2/v1/authorize").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().redirects().follow(false).queryParam("client_id", "nobody").queryParam("redirect_uri", DEMO_CALLBACK)
                .get("/oauth2/v1/authorize").then().statusCode(400).body("error", equalTo("invalid_client"));
        assertThat(errorOf(Map.of("scope", "profile", "code_challenge", TokenResource.s256("x".repeat(43)),
                "code_challenge_method", "S256"))).isEqualTo("invalid_scope");
        assertThat(errorOf(Map.of("scope", "openid"))).isEqualTo("invalid_request");
        assertThat(errorOf(Map.of("scope", "openid", "code_challenge", TokenResource.s256("x".repeat(43)),
                "code_challenge_method", "plain"))).isEqualTo("invalid_request");
        assertThat(errorOf(Map.of("scope", "openid", "code_challenge", TokenResource.s256("x".repeat(43)),
                "code_challenge_method", "S256", "sessionToken", "no-such-token"))).isEqualTo("login_required");
    }

    private static String errorOf(Map<String, String> params) {
        var spec = given().redirects().follow(false).queryParam("client_id", "sequent-demo")
                .queryParam("redirect_uri", DEMO_CALLBACK).queryParam("response_type", "code").queryParam("state", "s");
        params.forEach(spec::queryParam);
        String location = spec.get("/oauth2/v1/authorize").then().statusCode(302).extract().header("Location");
        Map<String, String> query = query(URI.create(location));
        assertThat(query).containsEntry("state", "s");
        return query.get("error");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    // ---------------------------------------------------------------- S2 through the topic

    @Test
    void aDisabledUserEventCancelsOpenSignInsAndRevokesSessions() throws Exception {
        var sms = AuthnFixtures.factor("sms", Map.of("phoneNumber", "+1 XXX-XXX-1337"));
        var push = AuthnFixtures.factor("push", Map.of());
        when(factors.activeFactors(ada.userId())).thenReturn(AuthnFixtures.holding(List.of(sms, push)));
        String stateToken = ok(AUTHN, Map.of("username", ada.username())).getString("stateToken");
        String sid = claims(exchange("sequent-demo", sessionToken(ada)).path("access_token")).getStringClaimValue("sid");

        try (TopicProbe events = new TopicProbe("sequent.auth.events")) {
            UserSnapshot disabled = new UserSnapshot(ada.userId(), 2, ada.source(), null, null, ada.username(), null,
                    "Ada", "Lovelace", null, UserStatus.DISABLED, false, false, null, null, "acme", ada.memberships(),
                    List.of(), Instant.now());
            TopicProbe.publish(CloudEvent.of(EventType.DIRECTORY_USER_DISABLED, "/test", ada.userId(), 2L, Instant.now(),
                    disabled));
            CloudEvent<?> revoked = events.await(Duration.ofSeconds(60), ada.userId(), EventType.AUTH_SESSION_REVOKED.typeName());
            assertThat(((SessionRevoked) revoked.data()).sessionId()).isEqualTo(sid);
            assertThat(((SessionRevoked) revoked.data()).reason()).isEqualTo("USER_DISABLED");
        }
        error(AUTHN, Map.of("stateToken", stateToken), 401, "E0000011");
        given().header("Authorization", admin()).get("/api/v1/sessions/" + sid).then().statusCode(404);
    }
}
