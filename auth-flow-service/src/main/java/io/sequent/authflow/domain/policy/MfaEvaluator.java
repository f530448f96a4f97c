package io.sequent.authflow.domain.policy;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** S7, S8, S9 and S11: whether MFA is required, with which methods, and what may be enrolled. */
final class MfaEvaluator {

    /** {@code requiredEnrollments}: the enrollable methods the enrollment policy marks REQUIRED (S11). */
    record Mfa(boolean required, List<String> methods, List<String> enrollable, List<String> requiredEnrollments) {
    }

    /** What the enrollment policy lets the user enroll during sign-in, and which of it is REQUIRED. */
    private record Enrollable(List<String> allowed, List<String> required) {
        static final Enrollable NONE = new Enrollable(List.of(), List.of());
    }

    /** What the MFA rules look at. {@code orgMfa} null: the org has no MFA settings (or there is no org). */
    record Input(PolicySnapshot snapshot, OrgMfa orgMfa, String orgId, List<String> rolesInOrg,
                 List<String> groups, String connectionId, Collection<String> enrolledTypes,
                 RuleActions actions) {
    }

    private MfaEvaluator() {
    }

    static Mfa evaluate(Input in, List<Reason> reasons) {
        MfaMode env = in.snapshot().environmentMfa().mode();
        OrgMfa org = in.orgMfa();
        boolean orgEnforced = org != null && org.enforced();
        boolean hasMfaFactor = in.enrolledTypes().stream().anyMatch(t -> !FactorTypes.PASSWORD.equals(t));
        boolean required = false;
        switch (env) {
            case YES -> {
                required = true;
                reasons.add(new Reason(Rule.S7, "ENV_YES", "MFA for everyone; overrides org enforcement off"));
            }
            case OPTIONAL -> {
                if (hasMfaFactor) {
                    required = true;
                    reasons.add(new Reason(Rule.S7, "ENV_OPTIONAL_ENROLLED", "the user has an active MFA factor"));
                } else {
                    reasons.add(new Reason(Rule.S7, "ENV_OPTIONAL_NOT_ENROLLED", "the user has no MFA factor"));
                }
            }
            case NO -> reasons.add(new Reason(Rule.S7, "ENV_NO", "MFA only where an org requires it"));
        }
        if (orgEnforced) {
            required = true;
            reasons.add(new Reason(Rule.S8, "ORG_ENFORCED", "org " + in.orgId() + " enforces MFA"));
        }
        if (required && org != null) {
            required = !exempt(in, org, reasons);
        }
        if (in.actions().mfaRequired()) {
            reasons.add(new Reason(Rule.S3, "RULE_REQUIRES_MFA", "the matched rule requires MFA; org exemptions do not lift it"));
            required = true;
        }
        List<String> methods = methods(in, org, reasons);
        Enrollable enrollable = Enrollable.NONE;
        if (required) {
            enrollable = enrollable(in, methods, reasons);
            reasons.add(new Reason(Rule.S9, "MFA_REQUIRED", "methods " + methods));
        } else {
            reasons.add(new Reason(Rule.S9, "MFA_NOT_REQUIRED", ""));
        }
        return new Mfa(required, methods, enrollable.allowed(), enrollable.required());
    }

    /** S8: exemptions apply whatever made MFA required, environment YES included. */
    private static boolean exempt(Input in, OrgMfa org, List<Reason> reasons) {
        if (in.connectionId() != null && org.exemptConnections().contains(in.connectionId())) {
            reasons.add(new Reason(Rule.S8, "EXEMPT_CONNECTION",
                    "connection " + in.connectionId() + " is exempt, whatever the roles"));
            return true;
        }
        List<String> roles = in.rolesInOrg();
        long exemptCount = roles.stream().filter(org.exemptRoles()::contains).count();
        if (!roles.isEmpty() && exemptCount == roles.size()) {
            reasons.add(new Reason(Rule.S8, "EXEMPT_ROLES", "every role of the user in the org is exempt"));
            return true;
        }
        if (exemptCount > 0) {
            reasons.add(new Reason(Rule.S8, "MIXED_ROLES", "exempt and non-exempt roles: MFA applies"));
        }
        return false;
    }

    /** The rule's methods, else the org's (they replace the environment's), else the environment's. */
    private static List<String> methods(Input in, OrgMfa org, List<Reason> reasons) {
        List<String> chosen;
        if (!in.actions().mfaMethods().isEmpty()) {
            chosen = in.actions().mfaMethods();
            reasons.add(new Reason(Rule.S3, "RULE_METHODS", chosen.toString()));
        } else if (org != null && org.methods() != null && !org.methods().isEmpty()) {
            chosen = org.methods();
            reasons.add(new Reason(Rule.S8, "ORG_METHODS", "replace the environment's: " + chosen));
        } else {
            chosen = in.snapshot().environmentMfa().methods();
            reasons.add(new Reason(Rule.S7, "ENV_METHODS", chosen.toString()));
        }
        List<String> active = in.snapshot().activeFactorTypes();
        return chosen.stream()
                .filter(m -> !FactorTypes.PASSWORD.equals(m) && active.contains(m))
                .distinct().toList();
    }

    /**
     * S11: the methods that the user's enrollment policy marks REQUIRED or OPTIONAL, and those of them
     * it marks REQUIRED (the sign-in cannot skip them).
     */
    private static Enrollable enrollable(Input in, List<String> methods, List<Reason> reasons) {
        Optional<EnrollmentPolicy> policy = enrollmentPolicy(in.snapshot(), in.groups(), in.orgId());
        if (policy.isEmpty()) {
            reasons.add(new Reason(Rule.S11, "NO_ENROLLMENT_POLICY", "nothing may be enrolled during sign-in"));
            return Enrollable.NONE;
        }
        Map<String, Enrollment> factors = policy.get().factors();
        List<String> permitted = methods.stream()
                .filter(m -> factors.get(m) == Enrollment.REQUIRED || factors.get(m) == Enrollment.OPTIONAL).toList();
        List<String> elsewhere = permitted.stream().filter(m -> !FactorTypes.enrollableDuringSignIn(m)).toList();
        if (!elsewhere.isEmpty()) {
            // a type only an administrator issues (a hardware token): offering (or requiring) it in MFA_ENROLL
            // would leave the sign-in at an activation it cannot complete
            reasons.add(new Reason(Rule.S11, "NOT_ENROLLABLE_DURING_SIGN_IN", elsewhere.toString()));
        }
        List<String> allowed = permitted.stream().filter(FactorTypes::enrollableDuringSignIn).toList();
        List<String> required = allowed.stream().filter(m -> factors.get(m) == Enrollment.REQUIRED).toList();
        reasons.add(new Reason(Rule.S11, "ENROLLMENT_POLICY", policy.get().id() + " allows " + allowed
                + ", requires " + required));
        return new Enrollable(allowed, required);
    }

    /** The first enrollment policy by priority that targets the user's groups and org (empty = all). */
    static Optional<EnrollmentPolicy> enrollmentPolicy(PolicySnapshot snapshot, List<String> groups, String orgId) {
        return snapshot.enrollmentPolicies().stream()
                .sorted(Comparator.comparingInt(EnrollmentPolicy::priority))
                .filter(p -> p.groups().isEmpty() || p.groups().stream().anyMatch(groups::contains))
                .filter(p -> p.orgs().isEmpty() || (orgId != null && p.orgs().contains(orgId)))
                .findFirst();
    }
}
