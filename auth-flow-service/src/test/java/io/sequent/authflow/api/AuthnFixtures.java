package io.sequent.authflow.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sequent.authflow.client.FactorClient;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Users, factors, the policy and request helpers for the Authentication API tests. */
final class AuthnFixtures {

    static final String PASSWORD_GROUP = "password-users";
    private static final AtomicLong LAST_VERSION = new AtomicLong();

    private AuthnFixtures() {
    }

    /**
     * Chains [sms, push] and [push, question] for everyone; the password for the password group.
     * Versions above any snapshot from the topic (those are stamped with the time they were sent).
     */
    static PolicySnapshot policy() {
        long version = LAST_VERSION.updateAndGet(v -> Math.max(v + 1, System.currentTimeMillis()));
        var password = new SignOnRule("password", "password", 1,
                new RuleConditions(List.of(PASSWORD_GROUP), null, null, null, null, null, null),
                new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, false, null, 3600));
        var chains = new SignOnRule("chains", "chains", 2, RuleConditions.ANY,
                new RuleActions(Access.ALLOW, PrimaryAuth.FACTOR_SEQUENCE,
                        List.of(List.of("sms", "push"), List.of("push", "question")), false, null, 3600));
        return new PolicySnapshot(version, Instant.now(), new EnvironmentMfa(MfaMode.NO, List.of("push", "sms")),
                List.of("sms", "push", "question", "token:software:totp"), List.of(), List.of(), List.of(),
                List.of(new SignOnPolicy("default", "default", PolicyType.ORG, null, 1, null, List.of(password, chains))));
    }

    static final String ENROLL_GROUP = "enroll-users";
    static final String OPTIONAL_ENROLL_GROUP = "optional-enroll-users";
    static final String WEBAUTHN_GROUP = "webauthn-users";

    /**
     * {@link #policy()} plus: the enroll groups sign in with a password and need MFA (totp, sms or
     * question) that they may enroll during sign-in: for the enroll group totp and sms are REQUIRED and
     * the question OPTIONAL, for the optional-enroll group all three are OPTIONAL. The webauthn group
     * signs in with the chain [webauthn].
     */
    static PolicySnapshot policyWithEnrollment() {
        PolicySnapshot base = policy();
        var mfa = new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, true,
                List.of("token:software:totp", "sms", "question"), 3600);
        var enroll = new SignOnRule("enroll", "enroll", 0,
                new RuleConditions(List.of(ENROLL_GROUP), null, null, null, null, null, null), mfa);
        var optional = new SignOnRule("optional-enroll", "optional-enroll", 0,
                new RuleConditions(List.of(OPTIONAL_ENROLL_GROUP), null, null, null, null, null, null), mfa);
        var webauthn = new SignOnRule("webauthn", "webauthn", 0,
                new RuleConditions(List.of(WEBAUTHN_GROUP), null, null, null, null, null, null),
                new RuleActions(Access.ALLOW, PrimaryAuth.FACTOR_SEQUENCE, List.of(List.of("webauthn")), false, null, 3600));
        var keyEnroll = new SignOnRule("key-enroll", "key-enroll", 0,
                new RuleConditions(List.of(KEY_ENROLL_GROUP), null, null, null, null, null, null),
                new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, true, List.of("webauthn", "push", "question"), 3600));
        var rules = new java.util.ArrayList<SignOnRule>(List.of(enroll, optional, webauthn, keyEnroll));
        rules.addAll(base.signOnPolicies().get(0).rules());
        var enrollment = new PolicySnapshot.EnrollmentPolicy("enroll-policy", "enroll", 1, List.of(ENROLL_GROUP), List.of(),
                Map.of("token:software:totp", PolicySnapshot.Enrollment.REQUIRED, "sms", PolicySnapshot.Enrollment.REQUIRED,
                        "question", PolicySnapshot.Enrollment.OPTIONAL));
        var optionalEnrollment = new PolicySnapshot.EnrollmentPolicy("optional-enroll-policy", "optional enroll", 2,
                List.of(OPTIONAL_ENROLL_GROUP), List.of(),
                Map.of("token:software:totp", PolicySnapshot.Enrollment.OPTIONAL, "sms", PolicySnapshot.Enrollment.OPTIONAL,
                        "question", PolicySnapshot.Enrollment.OPTIONAL));
        var keyEnrollment = new PolicySnapshot.EnrollmentPolicy("key-enroll-policy", "key enroll", 3,
                List.of(KEY_ENROLL_GROUP), List.of(),
                Map.of("webauthn", PolicySnapshot.Enrollment.REQUIRED, "push", PolicySnapshot.Enrollment.OPTIONAL,
                        "question", PolicySnapshot.Enrollment.OPTIONAL));
        var types = new java.util.ArrayList<>(base.activeFactorTypes());
        types.add("webauthn");
        return new PolicySnapshot(base.version(), base.compiledAt(), base.environmentMfa(), types, List.of(), List.of(),
                List.of(enrollment, optionalEnrollment, keyEnrollment),
                List.of(new SignOnPolicy("default", "default", PolicyType.ORG, null, 1, null, rules)));
    }

    static final String STUCK_GROUP = "stuck-users";

    /** Signs in with a password, MFA by webauthn, push or the question; the enrollment policy requires webauthn. */
    static final String KEY_ENROLL_GROUP = "key-enroll-users";

    /**
     * {@link #policyWithEnrollment()} plus: the stuck group signs in with a password and needs push as MFA,
     * which no enrollment policy lets it enroll: a user without push cannot go on after the password.
     */
    static PolicySnapshot policyWithDeadEnd() {
        PolicySnapshot base = policyWithEnrollment();
        var stuck = new SignOnRule("stuck", "stuck", 0,
                new RuleConditions(List.of(STUCK_GROUP), null, null, null, null, null, null),
                new RuleActions(Access.ALLOW, PrimaryAuth.PASSWORD, null, true, List.of("push"), 3600));
        var rules = new java.util.ArrayList<SignOnRule>(List.of(stuck));
        rules.addAll(base.signOnPolicies().get(0).rules());
        return new PolicySnapshot(base.version(), base.compiledAt(), base.environmentMfa(), base.activeFactorTypes(),
                List.of(), List.of(), base.enrollmentPolicies(),
                List.of(new SignOnPolicy("default", "default", PolicyType.ORG, null, 1, null, rules)));
    }

    static UserSnapshot user(String id, String username, long version, UserStatus status, UserSource source,
                             String... groups) {
        return new UserSnapshot(id, version, source, source == UserSource.DIRECTORY ? "d-1" : null,
                source == UserSource.DIRECTORY ? "guid-" + id : null, username, username + "@example.com", "Ada",
                "Lovelace", "Ada Lovelace", status, false, false, null, null, null, List.of(), List.of(groups),
                Instant.now());
    }

    static String newUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static FactorClient.Factor factor(String type, Map<String, Object> profile) {
        return new FactorClient.Factor(UUID.randomUUID().toString(), type, "OKTA", "ACTIVE", profile);
    }

    /** factor-service's answer listing {@code held}, without a version (so auth-flow does not remember it). */
    static io.smallrye.mutiny.Uni<FactorClient.FactorSet> holding(List<FactorClient.Factor> held) {
        return io.smallrye.mutiny.Uni.createFrom().item(FactorClient.FactorSet.unversioned(held));
    }

    static FactorClient.Verification outcome(String factorId, String type, String outcome) {
        return new FactorClient.Verification(factorId, type, outcome, null);
    }

    static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }
}
