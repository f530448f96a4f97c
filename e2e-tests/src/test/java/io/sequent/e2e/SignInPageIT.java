package io.sequent.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's "End-user experience" in a real browser: the hosted sign-in page of auth-flow, reached
 * through the authorization code flow of the demo client, driven with the keyboard and mouse as a
 * person would. The second factor is a push answered by the command-line device with number matching.
 */
@DisplayName("Seed 000: the hosted sign-in page in a browser")
class SignInPageIT {

    static final String CALLBACK = "http://127.0.0.1:8080/demo/callback";
    static final String TOTP = "token:software:totp";
    static final String WEBAUTHN = "webauthn";

    static Browser browser;

    @BeforeAll
    static void start() {
        Suite.get();
        browser = Browser.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("\"enter their ID ... clicking Next\", a factor, then \"select other factors in the sequence ... in the dropdown menu\": a push with number matching, back to the app with a code")
    void aUserSignsInThroughThePageSwitchingChainAtTheSecondStep(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Policies.reset();
        Policies.factorSequence("[[\"" + TOTP + "\", \"sms\"], [\"" + TOTP + "\", \"push\"]]");
        Policies.sync();
        String username = Users.unique("page");
        String userId = Users.local(username, null);
        Totp app = Factors.totp(userId);
        String smsId = Factors.sms(userId, "+15555550123");
        CliDevice device = CliDevice.enroll(userId, dir); // the real command-line device, factor-service/tools

        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String state = "st-" + UUID.randomUUID();
        String authorize = Suite.ISSUER + "/oauth2/v1/authorize?" + query(Map.of("client_id", "sequent-demo",
                "redirect_uri", CALLBACK, "response_type", "code", "scope", "openid profile", "state", state,
                "nonce", "n-page", "code_challenge", s256(verifier), "code_challenge_method", "S256"));

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            // the app's callback lives elsewhere: the final authorize answer is read here, not followed
            AtomicReference<String> returned = new AtomicReference<>();
            page.route(url -> url.startsWith(Suite.ISSUER + "/oauth2/v1/authorize?"), route -> {
                if (!route.request().url().contains("sessionToken=")) {
                    route.resume();
                    return;
                }
                var answer = route.fetch(new Route.FetchOptions().setMaxRedirects(0));
                returned.set(answer.status() + " " + answer.headers().get("location"));
                route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/plain")
                        .setBody("back at the app"));
            });

            page.navigate(authorize);
            assertThat(URI.create(page.url()).getPath()).isEqualTo("/signin/");
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Sign in");
            PlaywrightAssertions.assertThat(page.getByLabel("Username")).isFocused();
            tab.screenshot("01-username");

            // keyboard only: type the username, Enter submits
            page.keyboard().type(username);
            page.keyboard().press("Enter");
            PlaywrightAssertions.assertThat(page.getByLabel("Enter the code from your authenticator app")).isFocused();
            // one first factor held: no chooser yet
            assertThat(page.locator("#factor-chooser").count()).isZero();
            tab.screenshot("02-first-factor-totp");

            page.keyboard().type(app.wrongCode());
            page.keyboard().press("Enter");
            PlaywrightAssertions.assertThat(page.locator("#error")).hasText("That code is not right. Check it and try again.");
            PlaywrightAssertions.assertThat(page.locator("#error")).hasAttribute("role", "alert");
            PlaywrightAssertions.assertThat(page.locator("#passCode")).hasAttribute("aria-invalid", "true");
            tab.screenshot("03-wrong-code");

            page.locator("#passCode").fill(app.nextCode());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();

            // the second step: the next factor of each chain, the other one in the chooser
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Next step");
            PlaywrightAssertions.assertThat(page.locator(".who")).hasText("Signing in as " + username);
            var chooser = page.getByLabel("Verify with");
            assertThat(chooser.locator("option").allTextContents()).hasSize(2)
                    .anySatisfy(o -> assertThat(o).startsWith("Text message (SMS)"))
                    .anySatisfy(o -> assertThat(o).startsWith("Push notification"));
            chooser.selectOption(smsId);
            tab.screenshot("04-second-step-chooser");
            page.locator("#send").click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Enter your code");
            tab.screenshot("05-sms-code-sent");

            // the user goes back and takes the other chain: push
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use another factor")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Next step");
            page.getByLabel("Verify with").selectOption(device.factorId);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send push")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Check your device");
            String shown = page.locator("#correct-answer").textContent().trim();
            assertThat(shown).matches("\\d{1,3}");
            tab.screenshot("06-push-number-matching");

            device.approve(Integer.parseInt(shown));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
            while (returned.get() == null) {
                assertThat(Instant.now()).as("the page went back to authorize after the push").isBefore(deadline);
                page.waitForTimeout(250);
            }
            String[] answer = returned.get().split(" ", 2);
            assertThat(answer[0]).isEqualTo("302");
            URI location = URI.create(answer[1]);
            assertThat(answer[1]).startsWith(CALLBACK + "?");
            Map<String, String> params = params(location);
            assertThat(params).containsEntry("state", state).containsKey("code").doesNotContainKey("error");

            JsonPath tokens = given().baseUri(Suite.ISSUER).formParam("grant_type", "authorization_code")
                    .formParam("client_id", "sequent-demo").formParam("code", params.get("code"))
                    .formParam("redirect_uri", CALLBACK).formParam("code_verifier", verifier)
                    .post("/oauth2/v1/token").then().statusCode(200).extract().jsonPath();
            JsonPath id = payload(tokens.getString("id_token"));
            assertThat(id.getString("sub")).isEqualTo(userId);
            assertThat(id.getString("nonce")).isEqualTo("n-page");
            assertThat(id.getList("amr", String.class)).contains("otp", "mfa");

            assertStayedHome(tab);
        }
    }

    @Test
    @DisplayName("MFA_ENROLL after the password: the authenticator app's QR code, then the code activates it (S9, S11)")
    void aUserEnrollsAnAuthenticatorAppFromTheQrCode() {
        Policies.reset();
        Policies.passwordSignIn();
        Policies.environment("YES", TOTP);
        Policies.written(Policies.admin().body("{\"name\": \"e2e totp " + System.nanoTime() + "\", \"factors\": {\""
                + TOTP + "\": \"REQUIRED\"}}").post("/api/v1/enrollment-policies").then().statusCode(201)
                .extract().response());
        Policies.sync();
        String username = Users.unique("enroll");
        String userId = Users.local(username, null);
        String password = "Corr3ct-Horse-" + UUID.randomUUID().toString().substring(0, 6);
        Factors.password(userId, password);

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            page.navigate(Suite.ISSUER + "/signin/");
            page.getByLabel("Username").fill(username);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next")).click();
            PlaywrightAssertions.assertThat(page.getByLabel("Password")).isFocused();
            page.keyboard().type("not-" + password);
            page.keyboard().press("Enter");
            PlaywrightAssertions.assertThat(page.locator("#error")).hasText("That password is not right. Try again.");
            page.getByLabel("Password").fill(password);
            page.keyboard().press("Enter");

            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Set up a factor");
            tab.screenshot("07-enroll-choice");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up authenticator app")).click();

            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Set up your authenticator app");
            var qr = page.getByAltText("QR code to scan with your authenticator app");
            PlaywrightAssertions.assertThat(qr).isVisible();
            assertThat(qr.getAttribute("src")).startsWith("data:image/png;base64,");
            assertThat(((Number) qr.evaluate("img => img.complete ? img.naturalWidth : 0")).intValue()).isGreaterThan(0);
            tab.screenshot("08-enroll-totp-qr");

            Totp app = new Totp("being enrolled", page.locator("#shared-secret").textContent().trim());
            page.getByLabel("Code from your app").fill(app.wrongCode());
            page.keyboard().press("Enter");
            PlaywrightAssertions.assertThat(page.locator("#error")).hasText("That code is not right. Check it and try again.");
            page.getByLabel("Code from your app").fill(app.nextCode());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Activate")).click();

            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("You are signed in");
            PlaywrightAssertions.assertThat(page.locator("#signed-in-as")).hasText("Signed in as " + username + ".");
            tab.screenshot("09-signed-in");
            assertStayedHome(tab);
        }
        // the factor is the user's now
        assertThat(Factors.admin().get("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.factorType == '" + TOTP + "' }.status", String.class))
                .containsExactly("ACTIVE");
    }

    @Test
    @DisplayName("MFA_ENROLL sets up a security key with the browser's WebAuthn, and the next sign-in uses it (S9, S11)")
    void aUserEnrollsASecurityKeyAndSignsInWithIt() {
        Policies.reset();
        Policies.written(Policies.admin().post("/api/v1/factor-types/" + WEBAUTHN + "/lifecycle/activate").then().statusCode(200)
                .extract().response());
        Policies.passwordSignIn();
        Policies.environment("YES", WEBAUTHN);
        Policies.written(Policies.admin().body("{\"name\": \"e2e webauthn " + System.nanoTime() + "\", \"factors\": {\""
                + WEBAUTHN + "\": \"REQUIRED\"}}").post("/api/v1/enrollment-policies").then().statusCode(201)
                .extract().response());
        Policies.sync();
        String username = Users.unique("key");
        String userId = Users.local(username, null);
        String password = "Corr3ct-Horse-" + UUID.randomUUID().toString().substring(0, 6);
        Factors.password(userId, password);

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            String authenticator = tab.virtualAuthenticator();
            page.navigate(Suite.WEBAUTHN_ORIGIN + "/signin/");
            signInWithPassword(page, username, password);

            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Set up a factor");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up security key")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Set up your security key");
            tab.screenshot("12-enroll-webauthn");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up security key")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("You are signed in");
            assertThat(tab.credentials(authenticator)).isEqualTo(1);

            List<String> active = Factors.admin().get("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract()
                    .jsonPath().getList("findAll { it.factorType == '" + WEBAUTHN + "' }.status", String.class);
            assertThat(active).containsExactly("ACTIVE");

            // the next sign-in asks for the key it registered, and the browser's assertion is accepted
            page.navigate(Suite.WEBAUTHN_ORIGIN + "/signin/");
            signInWithPassword(page, username, password);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use security key")).click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Use your security key");
            tab.screenshot("13-verify-webauthn");
            page.locator("#webauthn-go").click();
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("You are signed in");
            assertThat(tab.consoleErrors).noneSatisfy(e -> assertThat(e).startsWith("page error"));
        }
    }

    @Test
    @DisplayName("MFA_ENROLL sets up push: the command-line device takes the page's activation link, the page goes on by itself")
    void aUserSetsUpPushFromTheActivationLink(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Policies.reset();
        Policies.passwordSignIn();
        Policies.environment("YES", "push");
        Policies.written(Policies.admin().body("{\"name\": \"e2e push " + System.nanoTime()
                + "\", \"factors\": {\"push\": \"REQUIRED\"}}").post("/api/v1/enrollment-policies").then().statusCode(201)
                .extract().response());
        Policies.sync();
        String username = Users.unique("phone");
        String userId = Users.local(username, null);
        String password = "Corr3ct-Horse-" + UUID.randomUUID().toString().substring(0, 6);
        Factors.password(userId, password);

        CliDevice device;
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            page.navigate(Suite.ISSUER + "/signin/");
            signInWithPassword(page, username, password);
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Set up a factor");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up push")).click();

            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Set up push on your device");
            var qr = page.getByAltText("QR code to scan with the Sequent Verify app");
            PlaywrightAssertions.assertThat(qr).isVisible();
            assertThat(((Number) qr.evaluate("img => img.complete ? img.naturalWidth : 0")).intValue()).isGreaterThan(0);
            String link = page.locator("#activation-uri").textContent().trim();
            assertThat(link).startsWith("sequent-push://activate?");
            tab.screenshot("14-enroll-push");

            device = CliDevice.activate(link, dir);
            // the page polls; once the device has registered, the sign-in ends without another click
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("You are signed in",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertStayedHome(tab);
        }
        assertThat(Factors.admin().get("/api/v1/users/" + userId + "/factors").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.factorType == 'push' }.id", String.class)).containsExactly(device.factorId);

        // the device it registered answers the next sign-in's push
        String token = SignIn.authn().body(Map.of("username", username, "password", password)).post("/api/v1/authn")
                .then().statusCode(200).extract().path("stateToken");
        JsonPath sent = SignIn.authn().body(Map.of("stateToken", token))
                .post("/api/v1/authn/factors/" + device.factorId + "/verify").then().statusCode(200).extract().jsonPath();
        assertThat(sent.getString("factorResult")).isEqualTo("WAITING");
        device.approve(sent.getInt("_embedded.factor._embedded.challenge.correctAnswer"));
        JsonPath done = null;
        for (int i = 0; i < 20 && (done == null || !"SUCCESS".equals(done.getString("status"))); i++) {
            Suite.sleep(500);
            done = SignIn.authn().body(Map.of("stateToken", token))
                    .post("/api/v1/authn/factors/" + device.factorId + "/verify").then().extract().jsonPath();
        }
        assertThat(done.getString("status")).isEqualTo("SUCCESS");
    }

    private static void signInWithPassword(Page page, String username, String password) {
        page.getByLabel("Username").fill(username);
        page.keyboard().press("Enter");
        PlaywrightAssertions.assertThat(page.getByLabel("Password")).isFocused();
        page.getByLabel("Password").fill(password);
        page.keyboard().press("Enter");
    }

    @Test
    @DisplayName("A cancelled sign-in says so and starts again from the username")
    void aCancelledSignInStartsAgain() {
        Policies.reset();
        Policies.factorSequence("[[\"" + TOTP + "\"]]");
        Policies.sync();
        String username = Users.unique("cancel");
        String userId = Users.local(username, null);
        Factors.totp(userId);

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            page.navigate(Suite.ISSUER + "/signin/");
            page.getByLabel("Username").fill(username);
            page.keyboard().press("Enter");
            PlaywrightAssertions.assertThat(page.locator("#passCode")).isFocused();
            // the transaction ends behind the page's back (another tab cancelled it)
            String token = (String) page.evaluate("() => sessionStorage.getItem('sequent.signin.stateToken')");
            assertThat(token).isNotBlank();
            SignIn.authn().body(Map.of("stateToken", token)).post("/api/v1/authn/cancel").then().statusCode(200);
            page.locator("#passCode").fill("123456");
            page.keyboard().press("Enter");
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.HEADING)).hasText("Sign in");
            PlaywrightAssertions.assertThat(page.locator("#error"))
                    .hasText("This sign-in has expired or was cancelled. Please start again.");
            tab.screenshot("10-cancelled-start-again");
            assertStayedHome(tab);
        }
    }

    @Test
    @DisplayName("Too many wrong codes: the page says the account is locked and offers to start again (S13, E0000069)")
    void tooManyWrongCodesShowTheLockout() {
        Policies.reset();
        Policies.factorSequence("[[\"" + TOTP + "\"]]");
        Policies.sync();
        String username = Users.unique("locked");
        String userId = Users.local(username, null);
        Totp app = Factors.totp(userId);

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            page.navigate(Suite.ISSUER + "/signin/");
            page.getByLabel("Username").fill(username);
            page.keyboard().press("Enter");
            var heading = page.getByRole(AriaRole.HEADING);
            PlaywrightAssertions.assertThat(page.locator("#passCode")).isFocused();
            long far = Instant.now().getEpochSecond() / 30 + 10; // steps the service never accepts now
            for (int attempt = 0; attempt < 15 && !"Account locked".equals(heading.textContent()); attempt++) {
                page.locator("#passCode").fill(app.code(far + attempt));
                page.keyboard().press("Enter");
                page.waitForFunction("() => !document.querySelector('[aria-busy=\"true\"]')"
                        + " && document.getElementById('error').textContent.length > 0");
            }
            PlaywrightAssertions.assertThat(heading).hasText("Account locked");
            PlaywrightAssertions.assertThat(page.locator("#error"))
                    .hasText("Your account is locked after too many failed attempts. Contact your administrator.");
            PlaywrightAssertions.assertThat(page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Start again"))).isFocused();
            tab.screenshot("11-locked-out");
            assertStayedHome(tab);
        }
    }

    /** Nothing but this origin (and data: images) was requested, and no Content-Security-Policy rule was broken. */
    private static void assertStayedHome(Browser.Tab tab) {
        assertThat(tab.requested).isNotEmpty()
                .allSatisfy(url -> assertThat(url).satisfiesAnyOf(u -> assertThat(u).startsWith(Suite.ISSUER + "/"),
                        u -> assertThat(u).startsWith("data:image/png;base64,")));
        assertThat(tab.consoleErrors).noneSatisfy(e -> assertThat(e).containsIgnoringCase("Content Security Policy"));
        assertThat(tab.consoleErrors).noneSatisfy(e -> assertThat(e).startsWith("page error"));
    }

    static String s256(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    private static Map<String, String> params(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static JsonPath payload(String jwt) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
