package io.sequent.authflow.api;

import static io.sequent.authflow.api.AuthnApiTest.AUTHN;
import static io.sequent.authflow.api.AuthnApiTest.error;
import static io.sequent.authflow.api.AuthnApiTest.ok;
import static io.sequent.authflow.api.AuthnFixtures.factor;
import static io.sequent.authflow.api.AuthnFixtures.newUsername;
import static io.sequent.authflow.api.AuthnFixtures.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.InjectMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.EventType;
import io.sequent.events.SignInEvent;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MFA_ENROLL with REQUIRED and OPTIONAL factor types (S9, S11), {@code _links.skip} and
 * {@code options.multiOptionalFactorEnroll}, against the real Redis and Kafka; factor-service is the
 * mocked neighbour, as in {@link AuthnApiTest}. The enroll group must enroll totp and sms (REQUIRED)
 * once a sign-in enrolls, the question is OPTIONAL; for the optional-enroll group all three are OPTIONAL.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class OptionalEnrollmentApiTest {

    static final String TOTP = "token:software:totp";
    static final String SKIP = AUTHN + "/skip";

    @InjectMock
    FactorClient factors;

    @InjectMock
    DirectoryClient directory;

    @Inject
    UserReadModel users;

    @Inject
    PolicySnapshots policies;

    @BeforeEach
    void policy() {
        when(factors.decoyPassword(any())).thenReturn(Uni.createFrom().voidItem());
        policies.offer(AuthnFixtures.policyWithEnrollment());
    }

    UserSnapshot user(String group) {
        UserSnapshot user = AuthnFixtures.user(UUID.randomUUID().toString(), newUsername("opal"), 1, UserStatus.ACTIVE,
                UserSource.LOCAL, group);
        users.apply(user).await().atMost(Duration.ofSeconds(5));
        return user;
    }

    /** Password primary authentication, with {@code options.multiOptionalFactorEnroll} when asked; MFA_ENROLL. */
    JsonPath signIn(UserSnapshot user, boolean multiOptional) {
        var password = factor("password", Map.of());
        when(factors.activeFactors(user.userId())).thenReturn(AuthnFixtures.holding(List.of(password)));
        when(factors.verify(eq(user.userId()), eq(password.id()), any()))
                .thenReturn(Uni.createFrom().item(outcome(password.id(), "password", "SUCCESS")));
        Map<String, Object> body = new HashMap<>(Map.of("username", user.username(), "password", "correct horse"));
        if (multiOptional) {
            body.put("options", Map.of("multiOptionalFactorEnroll", true, "warnBeforePasswordExpired", true));
        }
        JsonPath enroll = ok(AUTHN, body);
        assertThat(enroll.getString("status")).isEqualTo("MFA_ENROLL");
        return enroll;
    }

    /** Enrolls {@code type} through the mocked factor-service and activates it with a right code. */
    JsonPath enrollAndActivate(UserSnapshot user, String token, String type, Map<String, Object> profile) {
        var pending = new FactorClient.EnrolledFactor(UUID.randomUUID().toString(), type, "OKTA", "PENDING_ACTIVATION",
                Map.of(), null);
        when(factors.enroll(eq(user.userId()), argThat(b -> b != null && type.equals(b.factorType()))))
                .thenReturn(Uni.createFrom().item(pending));
        JsonPath activation = ok(AUTHN + "/factors", Map.of("stateToken", token, "factorType", type, "provider", "OKTA",
                "profile", profile));
        assertThat(activation.getString("status")).isEqualTo("MFA_ENROLL_ACTIVATE");
        when(factors.activate(user.userId(), pending.id(), FactorClient.ActivateBody.passCode("123456"))).thenReturn(Uni.createFrom().item(
                new FactorClient.EnrolledFactor(pending.id(), type, "OKTA", "ACTIVE", Map.of(), null)));
        return ok(AUTHN + "/factors/" + pending.id() + "/lifecycle/activate", Map.of("stateToken", token, "passCode", "123456"));
    }

    /** factorType → [status, enrollment] of the MFA_ENROLL catalogue. */
    static Map<String, List<String>> catalogue(JsonPath enroll) {
        Map<String, List<String>> out = new HashMap<>();
        List<Map<String, Object>> factors = enroll.getList("_embedded.factors");
        for (Map<String, Object> f : factors) {
            out.put((String) f.get("factorType"), List.of((String) f.get("status"), (String) f.get("enrollment")));
        }
        return out;
    }

    @Test
    void theCatalogueSaysWhatIsRequiredAndSkipComesOnlyOnceEveryRequiredTypeIsEnrolled() {
        UserSnapshot rae = user(AuthnFixtures.ENROLL_GROUP);
        JsonPath enroll = signIn(rae, true);
        String token = enroll.getString("stateToken");
        assertThat(catalogue(enroll)).containsExactlyInAnyOrderEntriesOf(Map.of(
                TOTP, List.of("NOT_SETUP", "REQUIRED"),
                "sms", List.of("NOT_SETUP", "REQUIRED"),
                "question", List.of("NOT_SETUP", "OPTIONAL")));
        assertThat(enroll.getList("_embedded.factors._links.enroll.href"))
                .containsOnly("http://127.0.0.1:8080/api/v1/authn/factors");
        // S9: nothing verified beyond the password yet, so there is nothing to skip
        assertThat(enroll.getMap("_links")).doesNotContainKey("skip");
        error(SKIP, Map.of("stateToken", token), 403, "E0000079");

        // totp satisfies MFA, but sms is REQUIRED too: back to MFA_ENROLL, and still no skip (S11)
        JsonPath afterTotp = enrollAndActivate(rae, token, TOTP, Map.of("credentialId", rae.username()));
        assertThat(afterTotp.getString("status")).isEqualTo("MFA_ENROLL");
        assertThat(catalogue(afterTotp)).containsEntry(TOTP, List.of("ACTIVE", "REQUIRED"))
                .containsEntry("sms", List.of("NOT_SETUP", "REQUIRED"));
        assertThat(afterTotp.getMap("_links")).doesNotContainKey("skip");
        error(SKIP, Map.of("stateToken", token), 403, "E0000079");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("MFA_ENROLL");
        // a type already held is not enrolled again
        error(AUTHN + "/factors", Map.of("stateToken", token, "factorType", TOTP), 403, "E0000079");

        // every REQUIRED type held and multiOptionalFactorEnroll: MFA_ENROLL once more, for the OPTIONAL question
        JsonPath afterSms = enrollAndActivate(rae, token, "sms", Map.of("phoneNumber", "+15555551337"));
        assertThat(afterSms.getString("status")).isEqualTo("MFA_ENROLL");
        assertThat(catalogue(afterSms)).containsExactlyInAnyOrderEntriesOf(Map.of(
                TOTP, List.of("ACTIVE", "REQUIRED"),
                "sms", List.of("ACTIVE", "REQUIRED"),
                "question", List.of("NOT_SETUP", "OPTIONAL")));
        assertThat(afterSms.getString("_links.skip.href")).isEqualTo("http://127.0.0.1:8080/api/v1/authn/skip");
        assertThat(afterSms.getList("_links.skip.hints.allow")).containsExactly("POST");

        try (TopicProbe audit = new TopicProbe("sequent.auth.events")) {
            JsonPath success = ok(SKIP, Map.of("stateToken", token));
            assertThat(success.getString("status")).isEqualTo("SUCCESS");
            assertThat(success.getString("sessionToken")).isNotBlank();
            error(AUTHN, Map.of("stateToken", token), 401, "E0000011");

            var skipped = audit.await(Duration.ofSeconds(20), rae.userId(), EventType.AUTH_SIGNIN_SKIPPED.typeName());
            SignInEvent event = (SignInEvent) skipped.data();
            assertThat(event.userId()).isEqualTo(rae.userId());
            assertThat(event.status()).isEqualTo("MFA_ENROLL");
            assertThat(event.reason()).isEqualTo("OPTIONAL_ENROLLMENT_SKIPPED");
            audit.await(Duration.ofSeconds(20), rae.userId(), EventType.AUTH_SIGNIN_SUCCEEDED.typeName());
        }
    }

    @Test
    void aUserWhoSatisfiesMfaWithAHeldFactorIsNotStoppedForTheRequiredTypesTheyLack() {
        UserSnapshot hal = user(AuthnFixtures.ENROLL_GROUP);
        var password = factor("password", Map.of());
        var question = factor("question", Map.of("question", "favorite_art_piece", "questionText", "Favourite art piece?"));
        when(factors.activeFactors(hal.userId())).thenReturn(AuthnFixtures.holding(List.of(password, question)));
        when(factors.verify(eq(hal.userId()), eq(password.id()), any()))
                .thenReturn(Uni.createFrom().item(outcome(password.id(), "password", "SUCCESS")));
        when(factors.verify(eq(hal.userId()), eq(question.id()), any()))
                .thenReturn(Uni.createFrom().item(outcome(question.id(), "question", "SUCCESS")));
        JsonPath mfa = ok(AUTHN, Map.of("username", hal.username(), "password", "correct horse",
                "options", Map.of("multiOptionalFactorEnroll", true)));
        // the question (OPTIONAL, held) is an MFA method: S9 asks for it, not for an enrollment
        assertThat(mfa.getString("status")).isEqualTo("MFA_REQUIRED");
        assertThat(mfa.getList("_embedded.factors.factorType")).containsExactly("question");

        // totp and sms are REQUIRED and not held, yet MFA is satisfied with a factor held: SUCCESS (S11
        // holds a sign-in to the REQUIRED types only once it enrolls)
        JsonPath success = ok(AUTHN + "/factors/" + question.id() + "/verify",
                Map.of("stateToken", mfa.getString("stateToken"), "answer", "Mona Lisa"));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(success.getString("sessionToken")).isNotBlank();
        verify(factors, never()).enroll(eq(hal.userId()), any());
    }

    @Test
    void withoutTheOptionTheSignInEndsOnceEveryRequiredTypeIsEnrolled() {
        UserSnapshot sol = user(AuthnFixtures.ENROLL_GROUP);
        String token = signIn(sol, false).getString("stateToken");
        JsonPath afterSms = enrollAndActivate(sol, token, "sms", Map.of("phoneNumber", "+15555551337"));
        // REQUIRED totp is still missing: MFA_ENROLL whatever the options
        assertThat(afterSms.getString("status")).isEqualTo("MFA_ENROLL");
        assertThat(afterSms.getMap("_links")).doesNotContainKey("skip");
        JsonPath success = enrollAndActivate(sol, token, TOTP, Map.of("credentialId", sol.username()));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(success.getString("sessionToken")).isNotBlank();
    }

    @Test
    void allOptionalStillNeedsOneFactorForMfaThenSkipLeavesTheRest() {
        UserSnapshot ola = user(AuthnFixtures.OPTIONAL_ENROLL_GROUP);
        JsonPath enroll = signIn(ola, true);
        String token = enroll.getString("stateToken");
        assertThat(enroll.getList("_embedded.factors.enrollment")).containsOnly("OPTIONAL");
        // S9: MFA is required and not satisfied: no skip that lets anyone in with the password alone
        assertThat(enroll.getMap("_links")).doesNotContainKey("skip");
        error(SKIP, Map.of("stateToken", token), 403, "E0000079");
        assertThat(ok(AUTHN, Map.of("stateToken", token)).getString("status")).isEqualTo("MFA_ENROLL");

        var question = new FactorClient.EnrolledFactor(UUID.randomUUID().toString(), "question", "OKTA", "ACTIVE",
                Map.of("question", "favorite_art_piece"), null);
        when(factors.enroll(eq(ola.userId()), argThat(b -> b != null && "question".equals(b.factorType()))))
                .thenReturn(Uni.createFrom().item(question));
        JsonPath again = ok(AUTHN + "/factors", Map.of("stateToken", token, "factorType", "question",
                "profile", Map.of("question", "favorite_art_piece", "answer", "Mona Lisa")));
        assertThat(again.getString("status")).isEqualTo("MFA_ENROLL");
        assertThat(catalogue(again)).containsEntry("question", List.of("ACTIVE", "OPTIONAL"))
                .containsEntry(TOTP, List.of("NOT_SETUP", "OPTIONAL"));
        assertThat(again.getString("_links.skip.href")).endsWith("/api/v1/authn/skip");

        JsonPath success = ok(SKIP, Map.of("stateToken", token));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
    }

    @Test
    void withoutTheOptionTheFirstOptionalFactorEndsTheEnrollment() {
        UserSnapshot oz = user(AuthnFixtures.OPTIONAL_ENROLL_GROUP);
        String token = signIn(oz, false).getString("stateToken");
        JsonPath success = enrollAndActivate(oz, token, TOTP, Map.of("credentialId", oz.username()));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
    }
}
