package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (per-organization MFA) across the services: the environment and org settings saved in
 * policy-service decide, in auth-flow, whether a password sign-in of a user in that org must pass MFA
 * and with which methods; factor-service checks the factor.
 */
@DisplayName("Seed 001: per-organization MFA")
class OrgMfaIT {

    static final String PASSWORD = "Corr3ct-Horse-Battery";
    static final String TOTP = "token:software:totp";

    private String org;

    @BeforeAll
    static void startSuite() {
        Suite.get();
    }

    @BeforeEach
    void passwordSignIn() {
        Policies.reset();
        Policies.passwordSignIn();
        org = "e2e-org-" + UUID.randomUUID().toString().substring(0, 8);
        Policies.org(org);
    }

    /** A local user of the scenario's org with these roles, a password and an activated TOTP. */
    private Member member(String... roles) {
        String username = Users.unique("mfa");
        String id = Users.local(username, org, roles);
        Factors.password(id, PASSWORD);
        return new Member(username, id, Factors.totp(id));
    }

    record Member(String username, String userId, Totp totp) {
    }

    @Test
    @DisplayName("Environment NO: \"MFA applied in only some organizations\", so none here (S7)")
    void environmentNoAsksNoMfa() {
        Member m = member("staff");
        Policies.sync();
        assertThat(SignIn.withPassword(m.username(), PASSWORD).sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("Environment YES: \"Enforce MFA for all users in all organizations\" (S7, S9)")
    void environmentYesAsksEveryoneForMfa() {
        Policies.environment("YES", TOTP);
        Member m = member("staff");
        Policies.sync();

        SignIn signIn = SignIn.withPassword(m.username(), PASSWORD);
        assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
        assertThat(signIn.offeredTypes()).containsExactly(TOTP);
        signIn.verifyRaw(m.totp().factorId, Map.of("passCode", m.totp().wrongCode())).then().statusCode(403)
                .body("errorCode", equalTo("E0000068"));
        signIn.totp(m.totp());
        assertThat(signIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("Environment OPTIONAL: \"Allow MFA but do not require it globally\": only users who enrolled MFA are asked (S7)")
    void environmentOptionalAsksOnlyUsersWithMfa() {
        Policies.environment("OPTIONAL", TOTP);
        Member enrolled = member("staff");
        String plainName = Users.unique("plain");
        Factors.password(Users.local(plainName, org, "staff"), PASSWORD);
        Policies.sync();

        SignIn withMfa = SignIn.withPassword(enrolled.username(), PASSWORD);
        assertThat(withMfa.status()).isEqualTo("MFA_REQUIRED");
        withMfa.totp(enrolled.totp());
        assertThat(withMfa.sessionToken()).isNotBlank();

        assertThat(SignIn.withPassword(plainName, PASSWORD).sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("Org enforced: \"MFA methods selected here will replace those selected at the environment level\" (S8)")
    void orgEnforcementWithMethodsReplacesTheEnvironments() {
        Policies.environment("OPTIONAL", TOTP);
        Policies.orgMfa(org, "{\"enforced\": true, \"methods\": [\"sms\"]}").then().statusCode(200);
        Member m = member("staff");
        Factors.sms(m.userId(), "+15555550101");
        Policies.sync();

        SignIn signIn = SignIn.withPassword(m.username(), PASSWORD);
        assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
        assertThat(signIn.offeredTypes()).containsExactly("sms"); // TOTP is held, but not one of the org's methods
        signIn.sms();
        assertThat(signIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("Exempt role only: \"you may only want Admins to use MFA\": a user whose roles are all exempt is not asked, even under YES (S8)")
    void aUserWithOnlyExemptRolesIsNotAskedForMfa() {
        Policies.environment("YES", TOTP);
        Policies.orgMfa(org, "{\"enforced\": true, \"exemptRoles\": [\"staff\"]}").then().statusCode(200);
        Member m = member("staff");
        Policies.sync();

        assertThat(SignIn.withPassword(m.username(), PASSWORD).sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("\"If a user has a mix of exempt and non-exempt roles, MFA will apply as default\" (S8)")
    void aUserWithExemptAndNonExemptRolesIsAskedForMfa() {
        Policies.environment("YES", TOTP);
        Policies.orgMfa(org, "{\"enforced\": true, \"exemptRoles\": [\"staff\"]}").then().statusCode(200);
        Member m = member("staff", "admin");
        Policies.sync();

        SignIn signIn = SignIn.withPassword(m.username(), PASSWORD);
        assertThat(signIn.status()).isEqualTo("MFA_REQUIRED");
        signIn.totp(m.totp());
        assertThat(signIn.sessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("\"Exempt connection with a non-exempt role\": a sign-in through the exempt connection needs no MFA whatever the roles (S8)")
    void anExemptConnectionWithANonExemptRoleAsksNoMfa() {
        try (var idp = io.sequent.testing.TestIdentityProvider.start()) {
            String connection = Policies.idpConnection(idp, "sequent-e2e");
            Policies.environment("YES", TOTP);
            Policies.orgMfa(org, "{\"enforced\": true, \"exemptRoles\": [\"staff\"], \"exemptConnections\": [\""
                    + connection + "\"]}").then().statusCode(200);
            Member m = member("admin");
            Policies.sync();

            // through the password flow the admin role is not exempt: MFA
            assertThat(SignIn.withPassword(m.username(), PASSWORD).status()).isEqualTo("MFA_REQUIRED");
            // through the exempt connection: none
            SignIn federated = SignIn.federated(connection, idp.assertion("sequent-e2e", m.username()));
            assertThat(federated.sessionToken()).isNotBlank();
            // a connection the org does not exempt: MFA with the user's factors of the methods
            String other = Policies.idpConnection(idp, "sequent-e2e");
            Policies.sync();
            SignIn notExempt = SignIn.federated(other, idp.assertion("sequent-e2e", m.username()));
            assertThat(notExempt.status()).isEqualTo("MFA_REQUIRED");
            assertThat(notExempt.offeredTypes()).containsExactly(TOTP);
            notExempt.totp(m.totp());
            assertThat(notExempt.sessionToken()).isNotBlank();
        }
    }

    @Test
    @DisplayName("\"This procedure only works if you have also switched off the environment-level setting\": org MFA off refused under YES (S10)")
    void orgMfaOffIsRefusedWhileTheEnvironmentRequiresMfa() {
        Policies.orgMfa(org, "{\"enforced\": true, \"methods\": [\"sms\"]}").then().statusCode(200);
        Policies.environment("YES", TOTP);

        Policies.orgMfa(org, "{\"enforced\": false}").then().statusCode(409)
                .body("detail", containsString("YES"));
        Policies.admin().get("/api/v1/orgs/" + org + "/mfa").then().statusCode(200).body("enforced", equalTo(true));

        // with the environment back at NO it goes through, with the seed's warning of breaking changes
        Policies.environment("NO");
        Policies.orgMfa(org, "{\"enforced\": false}").then().statusCode(200)
                .body("warnings.rule", hasItem("S10"));
    }
}
