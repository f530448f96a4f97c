package io.sequent.authflow.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.sequent.testing.OidcTestResource;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hosted sign-in page: its headers, the authorize redirect to it, and CORS for the admin console. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class SignInPageTest {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String CHALLENGE = TokenResource.s256("v".repeat(43));
    static final String CONSOLE = "http://127.0.0.1:8081";

    @Test
    void servesThePageAndItsAssetsWithAStrictPolicyAndSecurityHeaders() {
        var page = given().get("/signin/").then().statusCode(200).extract();
        assertThat(page.contentType()).startsWith("text/html");
        assertSecured(page);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        String html = page.asString();
        assertThat(html).contains("<script type=\"module\" src=\"signin.js\"></script>")
                .doesNotContain("style=").doesNotContain("<style").doesNotContain("http://").doesNotContain("https://");
        // every script in the page is a file of the same origin, never inline
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find()).isFalse();
        for (String asset : List.of("signin.js", "signin.css")) {
            var answer = given().get("/signin/" + asset).then().statusCode(200).extract();
            assertSecured(answer);
            assertThat(answer.asString()).doesNotContain("http://").doesNotContain("https://");
        }
        assertThat(given().get("/signin/signin.js").then().extract().contentType()).contains("javascript");
    }

    @Test
    void sendsTheBareSignInPathToThePageWithItsQuery() {
        var answer = given().redirects().follow(false).get("/signin?client_id=x&state=y").then().statusCode(302).extract();
        assertThat(answer.header("Location")).isEqualTo("/signin/?client_id=x&state=y");
        assertSecured(answer);
    }

    @Test
    void authorizeWithoutASessionTokenSendsTheBrowserToTheSignInPageWithTheRequest() {
        String location = authorize("sequent-demo", SessionsApiTest.DEMO_CALLBACK, null).then().statusCode(302)
                .header("Cache-Control", "no-store").extract().header("Location");
        URI uri = URI.create(location);
        assertThat(uri.getPath()).isEqualTo("/signin/");
        assertThat(uri.getRawQuery()).contains("client_id=sequent-demo").contains("state=st-9")
                .contains("code_challenge=" + CHALLENGE).contains("code_challenge_method=S256")
                .contains("redirect_uri=" + java.net.URLEncoder.encode(SessionsApiTest.DEMO_CALLBACK,
                        java.nio.charset.StandardCharsets.UTF_8));
        // the request is checked first: a bad one never reaches the page
        authorize("sequent-demo", "https://evil.example/cb", null).then().statusCode(400);
        String badScope = given().redirects().follow(false).queryParam("client_id", "sequent-demo")
                .queryParam("redirect_uri", SessionsApiTest.DEMO_CALLBACK).queryParam("response_type", "code")
                .queryParam("scope", "profile").queryParam("code_challenge", CHALLENGE)
                .queryParam("code_challenge_method", "S256").get("/oauth2/v1/authorize").then().statusCode(302)
                .extract().header("Location");
        assertThat(badScope).startsWith(SessionsApiTest.DEMO_CALLBACK + "?").contains("error=invalid_scope");
    }

    @Test
    void authorizeWithPromptNoneStillAnswersLoginRequired() {
        String location = authorize("sequent-demo", SessionsApiTest.DEMO_CALLBACK, "none").then().statusCode(302)
                .extract().header("Location");
        assertThat(location).startsWith(SessionsApiTest.DEMO_CALLBACK + "?").contains("error=login_required")
                .contains("state=st-9");
    }

    @Test
    void theConsoleClientIsSentToTheSignInPageToo() {
        String location = authorize("sequent-console", "http://localhost:8081/console/", null).then().statusCode(302)
                .extract().header("Location");
        assertThat(location).contains("/signin/?").contains("client_id=sequent-console");
    }

    @Test
    void allowsAPreflightFromAConfiguredOriginOnly() {
        for (String path : List.of("/oauth2/v1/token", "/oauth2/v1/keys", "/api/v1/policies/simulate")) {
            given().header("Origin", CONSOLE).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type").options(path)
                    .then().statusCode(204).header("Access-Control-Allow-Origin", CONSOLE)
                    .header("Access-Control-Allow-Methods", containsString("POST"))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"))
                    .header("Vary", containsString("Origin"));
            given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                    .options(path).then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        }
        given().header("Origin", "http://localhost:8081").header("Access-Control-Request-Method", "GET")
                .options("/oauth2/v1/keys").then().statusCode(204)
                .header("Access-Control-Allow-Origin", "http://localhost:8081");
    }

    @Test
    void marksActualCrossOriginAnswersForTheConfiguredOriginOnly() {
        given().header("Origin", CONSOLE).get("/oauth2/v1/keys").then().statusCode(200)
                .header("Access-Control-Allow-Origin", CONSOLE);
        given().header("Origin", "https://evil.example").get("/oauth2/v1/keys").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        // the Authentication API stays same-origin
        given().header("Origin", CONSOLE).header("Access-Control-Request-Method", "POST").options("/api/v1/authn")
                .then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", CONSOLE).contentType("application/json").body("{\"stateToken\":\"nope\"}")
                .post("/api/v1/authn").then().statusCode(401).header("Access-Control-Allow-Origin", nullValue())
                .header("Content-Type", equalTo("application/json"));
    }

    private static io.restassured.response.Response authorize(String clientId, String redirectUri, String prompt) {
        var spec = given().redirects().follow(false).queryParam("client_id", clientId)
                .queryParam("redirect_uri", redirectUri).queryParam("response_type", "code")
                .queryParam("scope", "openid profile").queryParam("state", "st-9").queryParam("nonce", "n-9")
                .queryParam("code_challenge", CHALLENGE).queryParam("code_challenge_method", "S256");
        if (prompt != null) {
            spec.queryParam("prompt", prompt);
        }
        return spec.get("/oauth2/v1/authorize");
    }

    private static void assertSecured(ExtractableResponse<Response> answer) {
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
