package io.sequent.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeds 000 and 001 as an admin does them: in policy-service's admin console, in a real browser, after
 * signing in on auth-flow's hosted page (authorization code + PKCE, the token's {@code admin} role coming
 * from the admin's membership of an org). Every change made on screen is then checked through the APIs
 * and, for the factor sequences, through auth-flow's simulation of a user's sign-in.
 */
@DisplayName("The admin console: factor sequences and org MFA configured in a browser")
class AdminConsoleIT {

    static final String PASSWORD = "Corr3ct-Horse-Battery";
    static final String CONSOLE = Suite.Service.POLICY.url() + "/console/";

    static final Locator.GetByLabelOptions EXACT = new Locator.GetByLabelOptions().setExact(true);

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
    @DisplayName("An admin signs in, defines chains [sms, push] / [push, question], enforces an org's MFA with methods and exempt roles; a user then gets those chains")
    void anAdminConfiguresFactorSequencesAndOrgMfaThroughTheConsole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Policies.reset();
        Policies.passwordSignIn();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String adminOrg = "e2e-admins-" + suffix;
        String org = "e2e-console-" + suffix;
        Policies.org(adminOrg);
        Policies.org(org);
        String admin = Users.unique("admin");
        Factors.password(Users.local(admin, adminOrg, "admin"), PASSWORD);
        String member = Users.unique("member");
        String memberId = Users.local(member, org, "staff");
        Factors.sms(memberId, "+15555550142");
        Policies.sync();

        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            signIn(tab, admin);

            String policy = "e2e console sequencing " + suffix;
            factorSequences(tab, policy);
            appPolicyChainsAreRefusedNamingTheRule(tab, suffix);
            orgMfa(tab, org);
            otherScreens(tab);
            simulate(tab, member, org);
            memberSignsInWithTheConfiguredChains(member, memberId, dir);

            assertThat(tab.consoleErrors).as("no Content-Security-Policy violation or script error")
                    .noneMatch(e -> e.contains("Content Security Policy") || e.startsWith("page error"));
            assertThat(tab.requested).as("the console called only its own origin and the issuer's")
                    .allMatch(u -> u.startsWith(Suite.Service.POLICY.url() + "/") || u.startsWith(Suite.ISSUER + "/")
                            || u.startsWith("data:"));
            page.close();
        }
    }

    /**
     * Then the member signs in on the hosted page with the chains the admin just made: the first step offers
     * sms and push, the member picks push from the chooser (the chain [push, question] instead of [sms, push]),
     * approves it on the command-line device, answers the question, and is signed in.
     */
    private void memberSignsInWithTheConfiguredChains(String member, String memberId, java.nio.file.Path dir) {
        CliDevice device = CliDevice.enroll(memberId, dir);
        Factors.question(memberId, "Jet Set Willy");
        try (Browser.Tab tab = browser.open()) {
            Page page = tab.page;
            page.navigate(Suite.ISSUER + "/signin/");
            page.getByLabel("Username").fill(member);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next")).click();
            assertThat(page.getByRole(AriaRole.HEADING)).hasText("Verify it’s you");
            page.getByLabel("Verify with").selectOption(device.factorId);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send push")).click();
            assertThat(page.getByRole(AriaRole.HEADING)).hasText("Check your device");
            String shown = page.locator("#correct-answer").textContent().trim();
            tab.screenshot("console-14-member-push");
            device.approve(Integer.parseInt(shown));

            assertThat(page.getByRole(AriaRole.HEADING)).hasText("Next step", new com.microsoft.playwright.assertions
                    .LocatorAssertions.HasTextOptions().setTimeout(40_000));
            page.locator("#answer").fill("Jet Set Willy");
            page.keyboard().press("Enter");
            assertThat(page.getByRole(AriaRole.HEADING)).hasText("You are signed in");
            assertThat(page.locator("#signed-in-as")).hasText("Signed in as " + member + ".");
            tab.screenshot("console-15-member-signed-in");
        }
    }

    /** The console sends the browser to auth-flow's hosted page, which sends it back signed in. */
    private void signIn(Browser.Tab tab, String admin) {
        Page page = tab.page;
        page.navigate(CONSOLE);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in as an admin"))).isVisible();
        tab.screenshot("console-01-sign-in");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        page.waitForURL(url -> url.startsWith(Suite.ISSUER + "/signin"));
        page.getByLabel("Username").fill(admin);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next")).click();
        page.getByLabel("Password").fill(PASSWORD);
        page.keyboard().press("Enter");

        page.waitForURL(url -> url.startsWith(CONSOLE));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Environment multi-factor authentication")))
                .isVisible();
        assertThat(page.locator("#who")).hasText("Signed in as " + admin);
        // the code and state are gone from the address bar once exchanged
        assertThat(URI.create(page.url()).getQuery()).isNull();
        tab.screenshot("console-02-environment");
    }

    /** Seed 000: "SMS and Okta Verify" and "Okta Verify and Security Questions" in a sign-on rule. */
    private void factorSequences(Browser.Tab tab, String policy) {
        Page page = tab.page;
        nav(page, "Sign-on policies");
        Locator create = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New sign-on policy"));
        create.getByLabel("Name", EXACT).fill(policy);
        create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add sign-on policy")).click();
        assertThat(page.locator("#status")).hasText("Sign-on policy " + policy + " added.");

        Locator card = page.locator("section[aria-label='Policy " + policy + "']");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add rule to " + policy)).click();
        Locator rule = card.locator("form[data-rule='new']");
        rule.getByLabel("Rule name", EXACT).fill("factor sequencing");
        rule.getByLabel("Primary authentication", EXACT).selectOption("FACTOR_SEQUENCE");
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add chain")).click();
        addFactor(rule, 1, "sms");
        addFactor(rule, 1, "push");
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add chain")).click();
        // put in the wrong order first, then reordered: [question, push] -> [push, question]
        addFactor(rule, 2, "question");
        addFactor(rule, 2, "push");
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Move Push up in chain 2")).click();
        // and a third chain added and removed again
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add chain")).click();
        addFactor(rule, 3, "sms");
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove chain 3")).click();
        assertThat(rule.locator("li.chain")).hasCount(2);
        tab.screenshot("console-03-chain-editor");
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create rule")).click();
        assertThat(page.locator("#status")).hasText("Rule factor sequencing saved.");
        // S11: none of the chains is all REQUIRED for enrollment yet, and the console says so
        assertThat(page.locator(".warnings")).containsText("S11");

        // the reset's password policy came first: this one moves above it
        page.locator("section[aria-label='Policy " + policy + "']")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Move policy " + policy + " up")).click();
        assertThat(page.locator("#status")).hasText("Policy " + policy + " moved.");
        assertThat(page.locator("section[data-policy]").first().locator("h2")).hasText("1. " + policy);
        tab.screenshot("console-04-sign-on-policies");

        JsonPath policies = Policies.admin().get("/api/v1/policies").then().statusCode(200).extract().jsonPath();
        assertThat(policies.getString("[0].name")).isEqualTo(policy);
        assertThat(policies.getString("[0].rules[0].actions.primary")).isEqualTo("FACTOR_SEQUENCE");
        assertThat(policies.getList("[0].rules[0].actions.chains")).isEqualTo(List.of(List.of("sms", "push"), List.of("push", "question")));
    }

    private static void addFactor(Locator rule, int chain, String type) {
        rule.getByLabel("Factor to add to chain " + chain, EXACT).selectOption(type);
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add factor to chain " + chain)).click();
    }

    /** Seed 000: "Factor Sequencing chains can't be specified for application sign-on policies" (S5). */
    private void appPolicyChainsAreRefusedNamingTheRule(Browser.Tab tab, String suffix) {
        Page page = tab.page;
        String app = "e2e console app " + suffix;
        Locator create = page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("New sign-on policy"));
        create.getByLabel("Name", EXACT).fill(app);
        create.getByLabel("Type", EXACT).selectOption("APP");
        create.getByLabel("Application id", EXACT).fill("portal-" + suffix);
        create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add sign-on policy")).click();
        assertThat(page.locator("#status")).hasText("Sign-on policy " + app + " added.");

        Locator card = page.locator("section[aria-label='Policy " + app + "']");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add rule to " + app)).click();
        Locator rule = card.locator("form[data-rule='new']");
        rule.getByLabel("Rule name", EXACT).fill("app chain");
        rule.getByLabel("Primary authentication", EXACT).selectOption("FACTOR_SEQUENCE");
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add chain")).click();
        addFactor(rule, 1, "sms");
        rule.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create rule")).click();
        Locator alert = page.locator("#alert");
        assertThat(alert).containsText("Rule 'app chain' of policy '" + app + "'");
        assertThat(alert).containsText("/actions/chains");
        assertThat(alert).containsText("S5");
        tab.screenshot("console-05-app-policy-chain-refused");
        alert.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Dismiss")).click();

        JsonPath policies = Policies.admin().get("/api/v1/policies").then().statusCode(200).extract().jsonPath();
        assertThat(policies.getList("findAll { it.name == '" + app + "' }.rules.flatten()")).isEmpty();
    }

    /** Seed 001: enforce, methods, exempt roles added and removed; S10's refusal under YES and warning under NO. */
    private void orgMfa(Browser.Tab tab, String org) {
        Page page = tab.page;
        nav(page, "Organizations");
        page.getByLabel("Search organizations").fill(org);
        assertThat(page.locator("tbody tr")).hasCount(1);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Org " + org)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Org " + org + ": Multi-factor auth"))).isVisible();

        Locator enforce = page.getByRole(AriaRole.SWITCH, new Page.GetByRoleOptions().setName("Enforce multi-factor authentication for this organization"));
        enforce.check();
        page.getByLabel("SMS", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Push", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#status")).hasText("Multi-factor auth of Org " + org + " saved.");

        // "Select Add exempt role ... Press Enter"; "select the three dots menu and selecting Remove"
        page.getByLabel("Exempt role", new Page.GetByLabelOptions().setExact(true)).fill("contractor");
        page.keyboard().press("Enter");
        assertThat(page.locator("#status")).hasText("Exempt role contractor added.");
        page.getByLabel("Exempt role", new Page.GetByLabelOptions().setExact(true)).fill("auditor");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add exempt role")).click();
        assertThat(page.locator("#status")).hasText("Exempt role auditor added.");
        assertThat(page.locator("li[data-role]")).hasCount(2);
        tab.screenshot("console-06-org-mfa");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove exempt role contractor")).click();
        assertThat(page.locator("#status")).hasText("Exempt role contractor removed.");
        assertThat(page.locator("li[data-role]")).hasCount(1);

        // "Add exempt enterprise connection and select a connection from the list"; then removed again
        String connection = "e2e-iwa-" + org;
        Policies.written(Policies.admin().body(Map.of("id", connection, "name", "Office IWA " + org, "kind", "IWA", "orgId", org,
                        "issuer", "https://iwa." + org + ".example", "jwksUrl", "https://iwa." + org + ".example/keys",
                        "audience", "sequent"))
                .post("/api/v1/connections").then().statusCode(201).extract().response());
        page.reload();
        page.getByLabel("Enterprise connection", new Page.GetByLabelOptions().setExact(true)).selectOption(connection);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add exempt enterprise connection")).click();
        assertThat(page.locator("#status")).hasText("Exempt connection Office IWA " + org + " (IWA) added.");
        Policies.admin().get("/api/v1/orgs/" + org + "/mfa").then().statusCode(200)
                .body("exemptConnections", equalTo(List.of(connection)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove exempt connection Office IWA " + org + " (IWA)")).click();
        assertThat(page.locator("#status")).hasText("Exempt connection Office IWA " + org + " (IWA) removed.");

        Policies.admin().get("/api/v1/orgs/" + org + "/mfa").then().statusCode(200)
                .body("enforced", equalTo(true))
                .body("methods", containsInAnyOrder("sms", "push"))
                .body("exemptRoles", equalTo(List.of("auditor")))
                .body("exemptConnections", equalTo(List.of()));

        // S10: with the environment at YES, switching the org's MFA off is refused with the server's reason
        environment(tab, "Yes");
        Policies.admin().get("/api/v1/environment/mfa").then().statusCode(200).body("mode", equalTo("YES"));
        page.navigate(CONSOLE + "#/orgs/" + org);
        enforce.uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#alert")).containsText("Conflict");
        assertThat(page.locator("#alert")).containsText("YES");
        tab.screenshot("console-07-org-mfa-off-refused");
        Policies.admin().get("/api/v1/orgs/" + org + "/mfa").then().statusCode(200).body("enforced", equalTo(true));

        // back at NO it goes through, with the seed's warning of breaking changes; then on again
        environment(tab, "No");
        page.navigate(CONSOLE + "#/orgs/" + org);
        enforce.uncheck();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator(".warnings")).containsText("S10");
        tab.screenshot("console-08-org-mfa-off-warning");
        Policies.admin().get("/api/v1/orgs/" + org + "/mfa").then().statusCode(200).body("enforced", equalTo(false));
        enforce.check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        // the status reads as after the last save: the switch-off warning going away marks this one done
        assertThat(page.locator(".warnings")).hasCount(0);
        Policies.admin().get("/api/v1/orgs/" + org + "/mfa").then().statusCode(200)
                .body("enforced", equalTo(true)).body("methods", containsInAnyOrder("sms", "push"));
    }

    /** Settings > Environment > Multi-factor auth: No / Yes (with SMS). */
    private void environment(Browser.Tab tab, String mode) {
        Page page = tab.page;
        nav(page, "Environment MFA");
        page.getByLabel(mode, new Page.GetByLabelOptions().setExact(true)).check();
        if ("Yes".equals(mode)) {
            page.getByLabel("SMS", new Page.GetByLabelOptions().setExact(true)).check();
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator("#status")).hasText("Environment MFA saved: " + mode.toUpperCase() + ".");
    }

    private void otherScreens(Browser.Tab tab) {
        Page page = tab.page;
        nav(page, "Factor types");
        assertThat(page.locator("tr[data-type='sms'] .pill")).hasText("Active");
        tab.screenshot("console-09-factor-types");
        nav(page, "Factor enrollment");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Factor enrollment"))).isVisible();
        tab.screenshot("console-10-enrollment");
        nav(page, "Usage");
        assertThat(page.locator("main table")).isVisible();
        tab.screenshot("console-11-usage");
        nav(page, "Audit log");
        assertThat(page.locator("main tbody tr").first()).isVisible();
        tab.screenshot("console-12-audit");
    }

    /** S11: what would the member get? The chains just configured, by auth-flow (through the console, and by API). */
    private void simulate(Browser.Tab tab, String member, String org) {
        // the console's writes are not counted by Policies: wait until auth-flow's answer is computed on the
        // snapshot they produced (its version is the ETag of policy-service's latest)
        long version = Long.parseLong(Policies.admin().get("/api/v1/policy-snapshot").then().statusCode(200)
                .extract().header("ETag").replace("\"", ""));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> simulation(member, org).getLong("snapshotVersion") >= version);

        Page page = tab.page;
        nav(page, "Simulate a sign-in");
        page.getByLabel("Username or user id").fill(member);
        page.getByLabel("Organization id").fill(org);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simulate")).click();
        assertThat(page.locator("[data-decision]")).hasText("ALLOWED");
        assertThat(page.locator("ol.simulated-chains li")).hasText(new String[] {"SMS → Push", "Push → Security question"});
        tab.screenshot("console-13-simulation");

        JsonPath decision = simulation(member, org);
        assertThat(decision.getLong("snapshotVersion")).isGreaterThanOrEqualTo(version);
        assertThat(decision.getString("decision")).isEqualTo("ALLOWED");
        assertThat(decision.getString("plan.primary")).isEqualTo("CHAINS"); // auth-flow's name for a factor-sequence sign-in
        assertThat(decision.getList("plan.chains")).isEqualTo(List.of(List.of("sms", "push"), List.of("push", "question")));
    }

    private static JsonPath simulation(String username, String org) {
        return given().baseUri(Suite.ISSUER).auth().oauth2(Suite.adminToken()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "orgId", org)).post("/api/v1/policies/simulate")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void nav(Page page, String section) {
        Locator link = page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName(section).setExact(true));
        link.click();
        assertThat(link).hasAttribute("aria-current", "page");
    }
}
