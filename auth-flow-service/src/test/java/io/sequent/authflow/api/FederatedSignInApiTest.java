package io.sequent.authflow.api;

import static io.sequent.authflow.api.AuthnApiTest.AUTHN;
import static io.sequent.authflow.api.AuthnApiTest.error;
import static io.sequent.authflow.api.AuthnApiTest.ok;
import static io.sequent.authflow.api.AuthnFixtures.factor;
import static io.sequent.authflow.api.AuthnFixtures.newUsername;
import static io.sequent.authflow.api.AuthnFixtures.outcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.SessionTokens;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.SignInEvent;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Connection;
import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.testing.TestIdentityProvider;
import io.sequent.testing.TopicProbe;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Federated sign-in (DESIGN §2, S5, S8, S9): a real identity provider on the loopback (its own RSA and
 * EC keys, its JWKS over HTTP, real signed JWTs), the real Redis and Kafka; factor-service and
 * directory-sync mocked at their clients as in {@link AuthnApiTest}.
 */
@QuarkusTest
class FederatedSignInApiTest {

    static final String AUDIENCE = "sequent-federation-test";

    static TestIdentityProvider idp;

    @InjectMock
    FactorClient factors;

    @InjectMock
    DirectoryClient directory;

    @Inject
    UserReadModel users;

    @Inject
    PolicySnapshots policies;

    @Inject
    SessionTokens sessions;

    String suffix;
    String connection;
    String exempt;
    String saml;
    String iwa;
    String oidc;
    String acme;
    String plainOrg;
    UserSnapshot ada;
    FactorClient.Factor sms;
    FactorClient.Factor push;

    @BeforeAll
    static void startIdentityProvider() {
        idp = TestIdentityProvider.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @BeforeEach
    void seed() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        connection = "okta-" + suffix;
        exempt = "exempt-" + suffix;
        saml = "saml-" + suffix;
        iwa = "iwa-" + suffix;
        oidc = "oidc-" + suffix;
        acme = "acme-" + suffix;
        plainOrg = "plain-" + suffix;
        offer(idp, idp);
        ada = seedUser(newUsername("ada"), acme, "admin");
        sms = factor("sms", Map.of("phoneNumber", "+1 XXX-XXX-1337"));
        push = factor("push", Map.of("name", "Pixel 8", "platform", "ANDROID"));
        holds(ada, sms, push, factor("question", Map.of()));
    }

    /**
     * The policy of {@link AuthnFixtures#policy()} (chains for everyone) plus three connections and two
     * orgs: acme enforces MFA (sms, push) and exempts only the {@code exempt} connection; plain has none.
     */
    void offer(TestIdentityProvider main, TestIdentityProvider second) {
        PolicySnapshot base = AuthnFixtures.policy();
        var connections = List.of(
                new Connection(connection, "Okta", ConnectionKind.IDP, null, main.issuer(), main.jwksUrl(), AUDIENCE),
                new Connection(exempt, "Okta exempt", ConnectionKind.IDP, null, second.issuer(), second.jwksUrl(), AUDIENCE),
                new Connection(saml, "SAML", ConnectionKind.SAML, null, null, null, null),
                new Connection(iwa, "Kerberos", ConnectionKind.IWA, null, main.issuer(), main.jwksUrl(), AUDIENCE),
                new Connection(oidc, "OIDC", ConnectionKind.OIDC, null, main.issuer(), main.jwksUrl(), AUDIENCE));
        var orgs = List.of(
                new OrgPolicy(acme, acme, "Acme", new OrgMfa(true, List.of("sms", "push"), List.of(), List.of(exempt), false)),
                new OrgPolicy(plainOrg, plainOrg, "Plain", null));
        policies.offer(new PolicySnapshot(base.version(), base.compiledAt(), base.environmentMfa(), base.activeFactorTypes(),
                orgs, connections, base.enrollmentPolicies(), base.signOnPolicies()));
    }

    UserSnapshot seedUser(String username, String org, String... roles) {
        UserSnapshot user = new UserSnapshot(UUID.randomUUID().toString(), 1, UserSource.LOCAL, null, null, username,
                username + "@example.com", "Ada", "Lovelace", "Ada Lovelace", UserStatus.ACTIVE, false, false, null, null,
                org, List.of(new OrgMembership(org, List.of(roles))), List.of(), Instant.now());
        users.apply(user).await().atMost(Duration.ofSeconds(5));
        return user;
    }

    void holds(UserSnapshot user, FactorClient.Factor... held) {
        when(factors.activeFactors(user.userId())).thenReturn(AuthnFixtures.holding(List.of(held)));
    }

    static Map<String, Object> body(String connectionId, String assertion) {
        return Map.of("assertion", assertion, "context", Map.of("connection", connectionId));
    }

    List<String> amr(JsonPath success) {
        return sessions.peek(success.getString("sessionToken")).await().atMost(Duration.ofSeconds(5)).orElseThrow().amr();
    }

    // ---------------------------------------------------------------- S5, S8, S9

    @Test
    void anAssertionSignsInWithoutPromptingAnyChainFactor() {
        UserSnapshot plain = seedUser(newUsername("pia"), plainOrg, "admin");
        holds(plain, sms, push);
        try (TopicProbe audit = new TopicProbe("sequent.auth.events")) {
            JsonPath success = ok(AUTHN, Map.of("assertion", idp.assertion(AUDIENCE, plain.username()),
                    "context", Map.of("connection", connection), "relayState", "/app"));
            assertThat(success.getString("status")).isEqualTo("SUCCESS");
            assertThat(success.getString("relayState")).isEqualTo("/app");
            assertThat(success.getString("_embedded.user.id")).isEqualTo(plain.userId());
            assertThat(amr(success)).containsExactly("fed");
            verify(factors, never()).challenge(anyString(), anyString());
            verify(factors, never()).verify(anyString(), anyString(), any());

            var types = new java.util.ArrayList<String>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                audit.drain(Duration.ofMillis(200)).stream().filter(r -> plain.userId().equals(r.key()))
                        .forEach(r -> types.add(EventCodec.decode(r.value()).orElseThrow().type()));
                return types.contains(EventType.AUTH_SIGNIN_SUCCEEDED.typeName());
            });
            assertThat(types).contains(EventType.AUTH_SIGNIN_STARTED.typeName(),
                    EventType.AUTH_SIGNIN_FACTOR_VERIFIED.typeName());
        }
    }

    @Test
    void anIwaConnectionSignsInToo() {
        UserSnapshot plain = seedUser(newUsername("ivy"), plainOrg, "staff");
        holds(plain, sms);
        JsonPath success = ok(AUTHN, body(iwa, idp.assertion(AUDIENCE, plain.username())));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(amr(success)).containsExactly("fed", "wia");
    }

    @Test
    void orgMfaAfterAnAssertionAsksForTheUsersMfaFactors() {
        JsonPath mfa = ok(AUTHN, body(connection, idp.assertion(AUDIENCE, ada.username())));
        assertThat(mfa.getString("status")).isEqualTo("MFA_REQUIRED");
        assertThat(mfa.getList("_embedded.factors.factorType")).containsExactly("sms", "push");
        assertThat(mfa.getString("_embedded.user.id")).isEqualTo(ada.userId());

        when(factors.verify(eq(ada.userId()), eq(sms.id()), any()))
                .thenReturn(Uni.createFrom().item(outcome(sms.id(), "sms", "SUCCESS")));
        JsonPath success = ok(AUTHN + "/factors/" + sms.id() + "/verify",
                Map.of("stateToken", mfa.getString("stateToken"), "passCode", "123456"));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(amr(success)).containsExactly("fed", "sms", "mfa");
    }

    @Test
    void anExemptConnectionSignsInWithoutMfaWhateverTheRoles() {
        JsonPath success = ok(AUTHN, body(exempt, idp.assertion(AUDIENCE, ada.username())));
        assertThat(success.getString("status")).isEqualTo("SUCCESS");
        assertThat(amr(success)).containsExactly("fed");
    }

    @Test
    void theSubjectNamesTheUserWhenThereIsNoPreferredUsername() {
        Map<String, Object> claims = idp.claims(AUDIENCE, null);
        claims.remove("preferred_username");
        claims.put("sub", ada.username());
        assertThat(ok(AUTHN, body(connection, idp.sign(claims))).getString("status")).isEqualTo("MFA_REQUIRED");
    }

    @Test
    void aDisabledUserIsRefusedThroughAConnectionToo() {
        UserSnapshot dis = seedUser(newUsername("dis"), plainOrg, "admin");
        users.apply(new UserSnapshot(dis.userId(), 2, dis.source(), null, null, dis.username(), dis.email(), null, null,
                null, UserStatus.DISABLED, false, false, null, null, plainOrg, dis.memberships(), List.of(), Instant.now()))
                .await().atMost(Duration.ofSeconds(5));
        holds(dis, sms);
        refusedWithReason(connection, idp.assertion(AUDIENCE, dis.username()), "USER_DISABLED");
    }

    @Test
    void orgMfaThatTheUserCannotSatisfyIsTheGenericFailure() {
        UserSnapshot quentin = seedUser(newUsername("quentin"), acme, "admin");
        holds(quentin, factor("question", Map.of()));
        refusedWithReason(connection, idp.assertion(AUDIENCE, quentin.username()), "MFA_UNSATISFIABLE");
    }

    // ---------------------------------------------------------------- S1: every failure is E0000004

    @Test
    void everyBadAssertionIsTheGenericFailureAndItsReasonIsAudited() {
        long now = Instant.now().getEpochSecond();
        var otherKey = TestIdentityProvider.rsaKey();
        otherKey.setKeyId(idp.signingKey().getKeyId());
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("ASSERTION_BAD_SIGNATURE", TestIdentityProvider.sign(idp.claims(AUDIENCE, ada.username()), otherKey));
        cases.put("ASSERTION_UNKNOWN_KEY", TestIdentityProvider.sign(idp.claims(AUDIENCE, ada.username()),
                TestIdentityProvider.rsaKey()));
        cases.put("ASSERTION_WRONG_ISSUER", idp.sign(with(c -> c.put("iss", "https://evil.example"))));
        cases.put("ASSERTION_WRONG_AUDIENCE", idp.sign(with(c -> c.put("aud", "someone-else"))));
        cases.put("ASSERTION_EXPIRED", idp.sign(with(c -> {
            c.put("iat", now - 900);
            c.put("exp", now - 300);
        })));
        cases.put("ASSERTION_NOT_YET_VALID", idp.sign(with(c -> {
            c.put("nbf", now + 600);
            c.put("exp", now + 900);
        })));
        cases.put("ASSERTION_ISSUED_AT", idp.sign(with(c -> {
            c.put("iat", now + 600);
            c.put("exp", now + 900);
        })));
        cases.put("ASSERTION_LIFETIME", idp.sign(with(c -> c.put("exp", now + 86_400))));
        cases.put("ASSERTION_NO_JTI", idp.sign(with(c -> c.remove("jti"))));
        cases.put("ASSERTION_MALFORMED", "not.a.jwt");
        cases.put("ASSERTION_ALGORITHM_REFUSED", unsigned(idp.claims(AUDIENCE, ada.username())));
        cases.put("UNKNOWN_USER", idp.assertion(AUDIENCE, newUsername("nobody")));
        cases.forEach((reason, assertion) -> refusedWithReason(connection, assertion, reason));
        refusedWithReason("no-such-connection-" + suffix, idp.assertion(AUDIENCE, ada.username()), "UNKNOWN_CONNECTION");
    }

    @Test
    void aReplayedAssertionIsRefused() {
        String assertion = idp.assertion(AUDIENCE, ada.username());
        assertThat(ok(AUTHN, body(exempt, assertion)).getString("status")).isEqualTo("SUCCESS");
        refusedWithReason(exempt, assertion, "ASSERTION_REPLAYED");
    }

    @Test
    void aNewKeyIdIsPickedUpFromTheJwks() {
        try (TestIdentityProvider rotating = TestIdentityProvider.start()) {
            offer(idp, rotating);
            assertThat(ok(AUTHN, body(exempt, rotating.assertion(AUDIENCE, ada.username()))).getString("status"))
                    .isEqualTo("SUCCESS");
            int fetched = rotating.jwksFetches();
            assertThat(fetched).isEqualTo(1);
            // cached: a second sign-in with the same key does not fetch again
            ok(AUTHN, body(exempt, rotating.assertion(AUDIENCE, ada.username())));
            assertThat(rotating.jwksFetches()).isEqualTo(1);

            rotating.rotate(TestIdentityProvider.ecKey());
            // the unknown kid fetches the JWKS again (at most once a second in tests): ES256 now
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    assertThat(AuthnFixtures.post(AUTHN, body(exempt, rotating.assertion(AUDIENCE, ada.username())))
                            .extract().jsonPath().getString("status")).isEqualTo("SUCCESS"));
            assertThat(rotating.jwksFetches()).isGreaterThan(fetched);
        }
    }

    @Test
    void anUnreachableJwksIs503() {
        TestIdentityProvider gone = TestIdentityProvider.start();
        gone.close();
        offer(gone, idp);
        error(AUTHN, body(connection, gone.assertion(AUDIENCE, ada.username())), 503, "E0000010");
    }

    @Test
    void badRequestsAreE0000001() {
        error(AUTHN, body(saml, idp.assertion(AUDIENCE, ada.username())), 400, "E0000001");
        error(AUTHN, body(oidc, idp.assertion(AUDIENCE, ada.username())), 400, "E0000001");
        error(AUTHN, Map.of("context", Map.of("connection", connection)), 400, "E0000001");
        error(AUTHN, Map.of("assertion", idp.assertion(AUDIENCE, ada.username())), 400, "E0000001");
        error(AUTHN, Map.of("assertion", idp.assertion(AUDIENCE, ada.username()), "password", "x",
                "context", Map.of("connection", connection)), 400, "E0000001");
    }

    Map<String, Object> with(Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = new HashMap<>(idp.claims(AUDIENCE, ada.username()));
        change.accept(claims);
        return claims;
    }

    /** An {@code alg: none} token: never accepted. */
    static String unsigned(Map<String, Object> claims) {
        var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String payload;
        try {
            payload = encoder.encodeToString(EventCodec.mapper().writeValueAsBytes(claims));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return header + "." + payload + ".";
    }

    void refusedWithReason(String connectionId, String assertion, String reason) {
        try (TopicProbe audit = new TopicProbe("sequent.auth.events")) {
            error(AUTHN, body(connectionId, assertion), 401, "E0000004");
            var record = audit.awaitRecord(Duration.ofSeconds(20), r -> r.value().contains(connectionId)
                    && r.value().contains("\"" + reason + "\""));
            assertThat(record).as("audit reason " + reason).isPresent();
            var event = EventCodec.decode(record.get().value(), SignInEvent.class);
            assertThat(event.type()).isEqualTo(EventType.AUTH_SIGNIN_REFUSED.typeName());
            assertThat(event.data().reason()).isEqualTo(reason);
            assertThat(event.data().connection()).isEqualTo(connectionId);
        }
    }
}
