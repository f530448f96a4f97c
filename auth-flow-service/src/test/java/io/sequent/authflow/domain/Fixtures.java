package io.sequent.authflow.domain;

import io.sequent.authflow.domain.policy.ActiveFactor;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.PolicyEvaluator;
import io.sequent.authflow.domain.policy.RequestContext;
import io.sequent.events.OrgMembership;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.Connection;
import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders for users, policy snapshots and requests used by the domain tests. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final PolicyEvaluator EVALUATOR = new PolicyEvaluator(CLOCK);
    public static final List<String> ALL_TYPES =
            List.of("sms", "push", "question", "token:software:totp", "email", "webauthn", "call");

    private Fixtures() {
    }

    // ---- users ------------------------------------------------------------------------------

    public static UserBuilder user() {
        return new UserBuilder();
    }

    public static final class UserBuilder {
        private UserStatus status = UserStatus.ACTIVE;
        private UserSource source = UserSource.LOCAL;
        private final List<OrgMembership> memberships = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();
        private String defaultOrg;
        private boolean passwordExpired;
        private boolean mustChange;
        private Instant passwordExpiresAt;
        private Instant accountExpiresAt;

        public UserBuilder status(UserStatus s) { status = s; return this; }
        public UserBuilder directory() { source = UserSource.DIRECTORY; return this; }
        public UserBuilder member(String org, String... roles) {
            memberships.add(new OrgMembership(org, List.of(roles)));
            return this;
        }
        public UserBuilder defaultOrg(String org) { defaultOrg = org; return this; }
        public UserBuilder groups(String... g) { groups.addAll(List.of(g)); return this; }
        public UserBuilder passwordExpired() { passwordExpired = true; return this; }
        public UserBuilder mustChange() { mustChange = true; return this; }
        public UserBuilder passwordExpiresAt(Instant at) { passwordExpiresAt = at; return this; }
        public UserBuilder accountExpiresAt(Instant at) { accountExpiresAt = at; return this; }

        public UserSnapshot build() {
            boolean dir = source == UserSource.DIRECTORY;
            return new UserSnapshot("u1", 3, source, dir ? "dir1" : null, dir ? "guid-1" : null, "ada",
                    "ada@example.com", "Ada", "Lovelace", "Ada Lovelace", status, passwordExpired, mustChange,
                    passwordExpiresAt, accountExpiresAt, defaultOrg, memberships, groups, NOW);
        }
    }

    public static List<ActiveFactor> factors(String... types) {
        return Arrays.stream(types).map(t -> new ActiveFactor("f-" + t, t)).toList();
    }

    // ---- requests -----------------------------------------------------------------------------

    public static RequestContext request() {
        return new RequestContext(null, null, null, "203.0.113.7", false);
    }

    public static RequestContext request(String orgId, String connectionId) {
        return new RequestContext(orgId, connectionId, null, "203.0.113.7", false);
    }

    // ---- policies -----------------------------------------------------------------------------

    public static PolicyBuilder policy() {
        return new PolicyBuilder();
    }

    public static RuleActions allowPassword() {
        return new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, false, null, 3600);
    }

    @SafeVarargs
    public static RuleActions allowChains(List<String>... chains) {
        return new RuleActions(Access.ALLOW, PrimaryAuth.FACTOR_SEQUENCE, List.of(chains), false, null, 3600);
    }

    public static RuleActions deny() {
        return new RuleActions(Access.DENY, null, null, false, null, 0);
    }

    public static SignOnRule rule(String id, int priority, RuleConditions conditions, RuleActions actions) {
        return new SignOnRule(id, id, priority, conditions, actions);
    }

    public static RuleConditions when() {
        return RuleConditions.ANY;
    }

    public static OrgMfa orgMfa(boolean enforced, List<String> methods, List<String> exemptRoles,
                                List<String> exemptConnections) {
        return new OrgMfa(enforced, methods, exemptRoles, exemptConnections, false);
    }

    public static final class PolicyBuilder {
        private EnvironmentMfa env = new EnvironmentMfa(MfaMode.NO, List.of("push", "token:software:totp", "sms"));
        private List<String> active = ALL_TYPES;
        private final List<OrgPolicy> orgs = new ArrayList<>();
        private final List<Connection> connections = new ArrayList<>(List.of(
                new Connection("okta-idp", "Okta", ConnectionKind.IDP, null, "https://idp.example", null, "sequent"),
                new Connection("corp-iwa", "Windows", ConnectionKind.IWA, null, null, null, null)));
        private final List<EnrollmentPolicy> enrollment = new ArrayList<>();
        private final List<SignOnPolicy> signOn = new ArrayList<>();

        public PolicyBuilder env(MfaMode mode, String... methods) {
            env = new EnvironmentMfa(mode, methods.length == 0 ? env.methods() : List.of(methods));
            return this;
        }
        public PolicyBuilder active(String... types) { active = List.of(types); return this; }
        public PolicyBuilder org(String id, OrgMfa mfa) { orgs.add(new OrgPolicy(id, id, id, mfa)); return this; }
        public PolicyBuilder enrollment(String id, int priority, List<String> groups, List<String> orgIds,
                                        Object... typeThenEnrollment) {
            Map<String, Enrollment> map = new HashMap<>();
            for (int i = 0; i < typeThenEnrollment.length; i += 2) {
                map.put((String) typeThenEnrollment[i], (Enrollment) typeThenEnrollment[i + 1]);
            }
            enrollment.add(new EnrollmentPolicy(id, id, priority, groups, orgIds, map));
            return this;
        }
        public PolicyBuilder orgPolicy(String id, int priority, SignOnRule... rules) {
            signOn.add(new SignOnPolicy(id, id, PolicyType.ORG, null, priority, null, List.of(rules)));
            return this;
        }
        public PolicyBuilder orgPolicyForGroups(String id, int priority, List<String> groups, SignOnRule... rules) {
            signOn.add(new SignOnPolicy(id, id, PolicyType.ORG, null, priority, groups, List.of(rules)));
            return this;
        }
        public PolicyBuilder appPolicy(String id, String appId, int priority, SignOnRule... rules) {
            signOn.add(new SignOnPolicy(id, id, PolicyType.APP, appId, priority, null, List.of(rules)));
            return this;
        }
        /** The common case: one ORG policy with one catch-all rule. */
        public PolicyBuilder allowing(RuleActions actions) {
            return orgPolicy("default", 99, rule("catch-all", 99, when(), actions));
        }
        public PolicySnapshot build() {
            return new PolicySnapshot(7, NOW, env, active, orgs, connections, enrollment, signOn);
        }
    }

    // ---- shortcuts ----------------------------------------------------------------------------

    public static Decision decide(UserSnapshot user, List<ActiveFactor> factors, RequestContext request,
                                  PolicySnapshot policy) {
        return EVALUATOR.evaluate(user, factors, request, policy);
    }

    public static Decision.Allowed allowed(Decision decision) {
        if (decision instanceof Decision.Allowed a) {
            return a;
        }
        throw new AssertionError("expected Allowed but was " + decision);
    }

    public static List<List<String>> chains(List<String>... chains) {
        return List.of(chains);
    }
}
