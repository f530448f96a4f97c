package io.sequent.policy.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin console's assets, the headers they are served with and the public sign-in settings. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class ConsoleTest {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' " + TestTokens.ISSUER + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static final List<String> SCRIPTS = List.of("js/main.js", "js/auth.js", "js/api.js", "js/ui.js",
            "js/screens/common.js", "js/screens/environment.js", "js/screens/factor-types.js", "js/screens/enrollment.js",
            "js/screens/policies.js", "js/screens/chains.js", "js/screens/orgs.js", "js/screens/reports.js",
            "js/screens/simulate.js");

    @Test
    void servesThePageWithoutATokenUnderAStrictContentSecurityPolicy() {
        given().get("/console/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", equalTo(CSP))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Frame-Options", equalTo("DENY"))
                .body(containsString("<script type=\"module\" src=\"js/main.js\"></script>"));
    }

    @Test
    void redirectsTheBarePathToThePage() {
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", equalTo("/console/"));
    }

    @Test
    void servesEveryScriptAsJavaScriptWithTheSameHeaders() {
        for (String script : SCRIPTS) {
            given().get("/console/" + script).then().statusCode(200)
                    .contentType(startsWith("text/javascript"))
                    .header("Content-Security-Policy", equalTo(CSP))
                    .header("X-Content-Type-Options", equalTo("nosniff"));
        }
        given().get("/console/console.css").then().statusCode(200).contentType(startsWith("text/css"))
                .header("Content-Security-Policy", equalTo(CSP));
    }

    @Test
    void theImportsOfEveryScriptAreServed() {
        Pattern imports = Pattern.compile("from '(\\./|\\.\\./)([^']+)'");
        for (String script : SCRIPTS) {
            String source = given().get("/console/" + script).then().statusCode(200).extract().asString();
            var m = imports.matcher(source);
            while (m.find()) {
                String dir = script.substring(0, script.lastIndexOf('/') + 1);
                String target = m.group(1).equals("./") ? dir + m.group(2)
                        : dir.substring(0, dir.substring(0, dir.length() - 1).lastIndexOf('/') + 1) + m.group(2);
                assertThat(SCRIPTS).as("%s imports %s", script, target).contains(target);
            }
        }
    }

    @Test
    void holdsNoInlineScriptOrStyleAndNoOutsideUrl() {
        String page = given().get("/console/").then().extract().asString();
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(page).find())
                .as("inline script").isFalse();
        assertThat(page).doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase(" style=")
                .doesNotContain("http://").doesNotContain("https://");
        assertThat(Pattern.compile("\\son[a-z]+=", Pattern.CASE_INSENSITIVE).matcher(page).find()).as("inline handler").isFalse();
        for (String asset : concat(SCRIPTS, "console.css")) {
            String source = given().get("/console/" + asset).then().extract().asString();
            assertThat(source).as(asset).doesNotContain("http://").doesNotContain("https://")
                    .doesNotContain("innerHTML").doesNotContain("eval(").doesNotContain("new Function");
        }
    }

    @Test
    void configIsPublicAndHoldsOnlyTheIssuerAndClientId() {
        Response response = given().get("/console/config.json");
        response.then().statusCode(200).contentType(startsWith("application/json"))
                .header("Cache-Control", containsString("no-store"))
                .header("Content-Security-Policy", equalTo(CSP));
        Map<String, Object> body = response.jsonPath().getMap("$");
        assertThat(body).containsOnly(Map.entry("issuer", TestTokens.ISSUER), Map.entry("clientId", "sequent-console"));
    }

    @Test
    void theAdminApiStillNeedsAToken() {
        given().get("/api/v1/environment/mfa").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("someone", "user")).get("/api/v1/environment/mfa").then().statusCode(403);
    }

    @Test
    void theConnectSourceIsTheIssuersOrigin() {
        assertThat(ConsoleSettings.origin("https://id.example.com/oauth2/default")).isEqualTo("https://id.example.com");
        assertThat(ConsoleSettings.origin("HTTP://127.0.0.1:18080")).isEqualTo("http://127.0.0.1:18080");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleSettings.origin("javascript:alert(1)"))
                .isInstanceOf(IllegalStateException.class);
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
    }
}
