package io.sequent.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** CIDR parsing, method lists, connection settings, ordering, If-Match and the usage report (S12). */
class SmallRulesTest {

    @Test
    void cidrAcceptsIpv4AndIpv6RangesOnly() {
        assertThat(List.of("10.0.0.0/8", "192.168.1.7/32", "0.0.0.0/0", "2001:db8::/32", "::1/128", "fe80::1:2:3/64",
                "1:2:3:4:5:6:7:8/128")).allMatch(Cidr::isValid);
        assertThat(List.of("10.0.0.0", "10.0.0.0/33", "256.0.0.1/8", "10.0.0/8", "2001:db8::/129", "1::2::3/64",
                "example.com/8", "10.0.0.0/8/8", "/8", "1:2:3:4:5:6:7/64", "gggg::/16")).noneMatch(Cidr::isValid);
        assertThat(Cidr.isValid(null)).isFalse();
    }

    @Test
    void methodsMustBeActiveKnownAndNotPasswordOnceEach() {
        var violations = Methods.check("/methods", List.of("sms", "fax", "password", "call", "sms"), Set.of("password", "sms"));
        assertThat(violations).extracting(Violation::pointer)
                .containsExactly("/methods/1", "/methods/2", "/methods/3", "/methods/4");
        assertThat(Methods.check("/methods", null, Set.of())).isEmpty();
    }

    @Test
    void jwtConnectionsNeedIssuerJwksAndAudience() {
        assertThat(ConnectionRules.check(ConnectionKind.OIDC, null, " ", null)).extracting(Violation::pointer)
                .containsExactly("/issuer", "/jwksUrl", "/audience");
        assertThat(ConnectionRules.check(ConnectionKind.IDP, "https://idp", "https://idp/keys", "sequent")).isEmpty();
        assertThat(ConnectionRules.check(ConnectionKind.IDP, "https://idp", "ftp://idp/keys", "sequent"))
                .extracting(Violation::pointer).containsExactly("/jwksUrl");
        // IWA: the agent that does the Kerberos exchange signs a JWT assertion like any identity provider
        assertThat(ConnectionRules.check(ConnectionKind.IWA, null, null, null)).extracting(Violation::pointer)
                .containsExactly("/issuer", "/jwksUrl", "/audience");
        assertThat(ConnectionRules.check(ConnectionKind.IWA, "https://iwa", "https://iwa/keys", "sequent")).isEmpty();
        assertThat(ConnectionRules.check(ConnectionKind.SAML, null, null, null)).isEmpty();
    }

    @Test
    void placingAnItemPushesTheLaterOnesDown() {
        assertThat(Ordering.place(List.of("a", "b", "c"), "d", 1)).containsExactly("d", "a", "b", "c");
        assertThat(Ordering.place(List.of("a", "b", "c"), "d", null)).containsExactly("a", "b", "c", "d");
        assertThat(Ordering.place(List.of("a", "b", "c"), "d", 99)).containsExactly("a", "b", "c", "d");
        assertThat(Ordering.place(List.of("a", "b", "c"), "c", 1)).containsExactly("c", "a", "b");
        assertThat(Ordering.place(List.of("a", "b", "c"), "a", 3)).containsExactly("b", "c", "a");
    }

    @Test
    void aReorderMustListEveryItemOnce() {
        assertThat(Ordering.checkPermutation(List.of("a", "b"), List.of("b", "a"))).isEmpty();
        assertThat(Ordering.checkPermutation(List.of("a", "b"), List.of("a"))).get().asString().contains("missing");
        assertThat(Ordering.checkPermutation(List.of("a", "b"), List.of("a", "a"))).get().asString().contains("twice");
        assertThat(Ordering.checkPermutation(List.of("a", "b"), List.of("a", "b", "z"))).get().asString().contains("'z'");
    }

    @Test
    void ifMatchComparesTheVersionTag() {
        assertThat(Preconditions.ifMatch(null, 3)).isTrue();
        assertThat(Preconditions.ifMatch("*", 3)).isTrue();
        assertThat(Preconditions.ifMatch("\"3\"", 3)).isTrue();
        assertThat(Preconditions.ifMatch("W/\"3\"", 3)).isTrue();
        assertThat(Preconditions.ifMatch("\"1\", \"3\"", 3)).isTrue();
        assertThat(Preconditions.ifMatch("\"2\"", 3)).isFalse();
        assertThat(Preconditions.ifMatch("garbage", 3)).isFalse();
    }

    @Test
    void usageReportMarksOrgsPastTheFreeQuotaBillableInOrderOfFirstUse() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<UsageReport.OrgUsage> using = new java.util.ArrayList<>();
        for (int i = 7; i >= 1; i--) {
            using.add(new UsageReport.OrgUsage("org" + i, "C" + i, "Org " + i, t.plusSeconds(i), false));
        }
        UsageReport report = UsageReport.of(using, 5);
        assertThat(report.orgsUsingOrgMfa()).isEqualTo(7);
        assertThat(report.billable()).isEqualTo(2);
        assertThat(report.orgs()).extracting(UsageReport.OrgUsage::orgId)
                .containsExactly("org1", "org2", "org3", "org4", "org5", "org6", "org7");
        assertThat(report.orgs()).filteredOn(UsageReport.OrgUsage::billable).extracting(UsageReport.OrgUsage::orgId)
                .containsExactly("org6", "org7");
        assertThat(UsageReport.of(using.subList(0, 3), 5).billable()).isZero();
        assertThat(UsageReport.of(List.of(), 5).orgs()).isEmpty();
        assertThatThrownBy(() -> UsageReport.of(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
