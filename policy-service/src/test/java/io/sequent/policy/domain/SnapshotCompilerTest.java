package io.sequent.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Connection;
import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotCompilerTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    private static SignOnRule rule(String id, int priority) {
        return new SignOnRule(id, id, priority, null, Fixtures.password());
    }

    private static SnapshotCompiler.Config config() {
        var env = new EnvironmentMfa(MfaMode.OPTIONAL, List.of("push"));
        var orgs = List.of(new OrgPolicy("zeta", "Z", "Zeta", null),
                new OrgPolicy("acme", "A", "Acme", new OrgMfa(true, List.of("sms"), List.of("viewer"), List.of("okta"), false)));
        var connections = List.of(new Connection("saml", "SAML", ConnectionKind.SAML, null, null, null, null),
                new Connection("okta", "Okta", ConnectionKind.OIDC, "acme", "https://i", "https://i/keys", "aud"));
        var enrollment = List.of(new EnrollmentPolicy("e2", "second", 2, null, null, Map.of()),
                new EnrollmentPolicy("e1", "first", 1, null, null, Map.of()));
        var policies = List.of(
                new SignOnPolicy("p2", "second", PolicyType.APP, "crm", 2, null, List.of(rule("r3", 1))),
                new SignOnPolicy("p1", "first", PolicyType.ORG, null, 1, null, List.of(rule("r2", 2), rule("r1", 1))));
        return new SnapshotCompiler.Config(env, List.of("sms", "push", "password", "fax", "sms"), orgs, connections,
                enrollment, policies);
    }

    @Test
    void putsEverythingInEvaluationOrder() {
        PolicySnapshot snapshot = SnapshotCompiler.compile(config(), 7, T);
        assertThat(snapshot.signOnPolicies()).extracting(SignOnPolicy::id).containsExactly("p1", "p2");
        assertThat(snapshot.signOnPolicies().get(0).rules()).extracting(SignOnRule::id).containsExactly("r1", "r2");
        assertThat(snapshot.enrollmentPolicies()).extracting(EnrollmentPolicy::id).containsExactly("e1", "e2");
        assertThat(snapshot.orgs()).extracting(OrgPolicy::orgId).containsExactly("acme", "zeta");
        assertThat(snapshot.connections()).extracting(Connection::id).containsExactly("okta", "saml");
    }

    @Test
    void listsActiveKnownFactorTypesOnceInCatalogueOrder() {
        assertThat(SnapshotCompiler.compile(config(), 1, T).activeFactorTypes()).containsExactly("password", "push", "sms");
    }

    @Test
    void givesAnOrgWithoutSettingsTheDefaults() {
        var zeta = SnapshotCompiler.compile(config(), 1, T).orgs().get(1);
        assertThat(zeta.mfa().enforced()).isFalse();
        assertThat(zeta.mfa().methods()).as("the environment's").isNull();
    }

    @Test
    void stampsVersionAndTimeAndKeepsSettings() {
        PolicySnapshot snapshot = SnapshotCompiler.compile(config(), 42, T);
        assertThat(snapshot.version()).isEqualTo(42);
        assertThat(snapshot.compiledAt()).isEqualTo(T);
        assertThat(snapshot.environmentMfa().mode()).isEqualTo(MfaMode.OPTIONAL);
        assertThat(snapshot.orgs().get(0).mfa().exemptConnections()).containsExactly("okta");
        assertThat(snapshot.connections().get(0).jwksUrl()).isEqualTo("https://i/keys");
    }

    @Test
    void versionsStartAtOne() {
        assertThatThrownBy(() -> SnapshotCompiler.compile(config(), 0, T)).isInstanceOf(IllegalArgumentException.class);
    }
}
