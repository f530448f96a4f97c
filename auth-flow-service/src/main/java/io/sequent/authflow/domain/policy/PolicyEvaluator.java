package io.sequent.authflow.domain.policy;

import io.sequent.events.OrgMembership;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.Connection;
import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sign-in decision (design §2): a pure function of the user, their active enrollments, the
 * request and the compiled policy snapshot. The same call serves the sign-in and the admin
 * simulation (S11), which returns {@link Decision#reasons()}: every rule that fired, in order.
 */
public final class PolicyEvaluator {

    /** How long before expiry PASSWORD_WARN is shown to clients that ask for it. */
    public static final Duration DEFAULT_PASSWORD_WARN_PERIOD = Duration.ofDays(7);

    private final Clock clock;
    private final Duration passwordWarnPeriod;

    public PolicyEvaluator(Clock clock) {
        this(clock, DEFAULT_PASSWORD_WARN_PERIOD);
    }

    public PolicyEvaluator(Clock clock, Duration passwordWarnPeriod) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.passwordWarnPeriod = Objects.requireNonNull(passwordWarnPeriod, "passwordWarnPeriod");
        if (passwordWarnPeriod.isNegative()) {
            throw new IllegalArgumentException("passwordWarnPeriod must not be negative");
        }
    }

    public Decision evaluate(UserSnapshot user, List<ActiveFactor> activeEnrollments, RequestContext context,
                             PolicySnapshot policy) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(policy, "policy");
        List<String> enrolled = (activeEnrollments == null ? List.<ActiveFactor>of() : activeEnrollments).stream()
                .map(ActiveFactor::factorType).distinct().toList();
        List<Reason> reasons = new ArrayList<>();
        Instant now = clock.instant();

        // S2: the status gate at identification.
        switch (user.status()) {
            case DISABLED -> {
                return refuse(RefusalReason.USER_DISABLED, "user is DISABLED", reasons);
            }
            case DELETED -> {
                return refuse(RefusalReason.USER_DELETED, "user is DELETED", reasons);
            }
            case LOCKED_OUT -> {
                reasons.add(new Reason(Rule.S2, "LOCKED_OUT", "status LOCKED_OUT"));
                return new Decision.LockedOut(reasons);
            }
            case ACTIVE -> {
                if (user.accountExpiresAt() != null && !now.isBefore(user.accountExpiresAt())) {
                    return refuse(RefusalReason.ACCOUNT_EXPIRED, "account expired at " + user.accountExpiresAt(), reasons);
                }
                reasons.add(new Reason(Rule.S2, "STATUS_ACTIVE", "checked again just before SUCCESS"));
            }
        }

        // Org resolution.
        Optional<String> orgId;
        if (context.orgId() != null) {
            if (membership(user, context.orgId()).isEmpty()) {
                return refuse(RefusalReason.NOT_ORG_MEMBER, "not a member of org " + context.orgId(), reasons);
            }
            orgId = Optional.of(context.orgId());
            reasons.add(new Reason(Rule.ORG, "ORG_NAMED", context.orgId()));
        } else if (user.defaultOrgId() != null && membership(user, user.defaultOrgId()).isPresent()) {
            orgId = Optional.of(user.defaultOrgId());
            reasons.add(new Reason(Rule.ORG, "ORG_DEFAULT", user.defaultOrgId()));
        } else if (user.memberships().size() == 1) {
            orgId = Optional.of(user.memberships().get(0).orgId());
            reasons.add(new Reason(Rule.ORG, "ORG_ONLY_MEMBERSHIP", orgId.get()));
        } else if (user.memberships().isEmpty()) {
            orgId = Optional.empty();
            reasons.add(new Reason(Rule.ORG, "NO_ORG", "the user belongs to no org"));
        } else {
            // Choosing none would drop the orgs' MFA: naming no org never lowers MFA.
            return refuse(RefusalReason.ORG_AMBIGUOUS, "several memberships, none default, none named", reasons);
        }
        String org = orgId.orElse(null);
        List<String> roles = org == null ? List.of() : membership(user, org).map(OrgMembership::roles).orElse(List.of());
        OrgMfa orgMfa = policy.orgs().stream().filter(o -> o.orgId().equals(org)).findFirst()
                .map(OrgPolicy::mfa).orElse(null);

        // The connection the request came through.
        ConnectionKindOrPassword kind = ConnectionKindOrPassword.PASSWORD;
        if (context.connectionId() != null) {
            Optional<Connection> connection = policy.connections().stream()
                    .filter(c -> c.id().equals(context.connectionId())).findFirst();
            if (connection.isEmpty()) {
                return refuse(RefusalReason.UNKNOWN_CONNECTION, "connection " + context.connectionId(), reasons);
            }
            kind = ConnectionKindOrPassword.valueOf(connection.get().kind().name());
        }

        // S3: rule selection.
        var subject = new RuleSelector.Subject(user.groups(), roles, org, kind, context.clientIp(), context.appId());
        Optional<RuleSelector.Match> match = RuleSelector.select(policy, subject, reasons);
        if (match.isEmpty()) {
            return refuse(RefusalReason.NO_RULE_MATCHED, "no sign-on rule matched", reasons);
        }
        RuleActions actions = match.get().rule().actions();
        if (actions.access() == Access.DENY) {
            return refuse(RefusalReason.RULE_DENIES, "rule " + match.get().rule().id(), reasons);
        }

        // S4/S5/S6: primary authentication.
        FlowPlan.Primary primary;
        List<List<String>> chains;
        if (kind != ConnectionKindOrPassword.PASSWORD) {
            primary = FlowPlan.Primary.FEDERATED;
            chains = List.of();
            reasons.add(new Reason(Rule.S5, "CHAINS_SKIPPED", kind + " connection did primary authentication"));
        } else if (actions.primary() == PrimaryAuth.FACTOR_SEQUENCE) {
            if (match.get().policy().type() == PolicyType.APP) {
                return refuse(RefusalReason.APP_RULE_WITH_CHAINS, "rule " + match.get().rule().id(), reasons);
            }
            primary = FlowPlan.Primary.CHAINS;
            chains = usableChains(actions.chains(), policy.activeFactorTypes(), reasons);
            if (chains.isEmpty()) {
                return refuse(RefusalReason.NO_ENROLLED_FIRST_FACTOR, "no usable chain", reasons);
            }
        } else {
            primary = FlowPlan.Primary.CHAINS;
            chains = List.of(List.of(FactorTypes.PASSWORD));
            reasons.add(new Reason(Rule.S6, "PASSWORD_PRIMARY", "the password is the primary authentication"));
        }

        // S7-S9, S11: MFA.
        var mfa = MfaEvaluator.evaluate(new MfaEvaluator.Input(policy, orgMfa, org, roles, user.groups(),
                context.connectionId(), enrolled, actions), reasons);

        // S6: password expiry.
        boolean enforceWithoutPassword = orgMfa != null && orgMfa.enforcePasswordExpiryWithoutPassword();
        PasswordState password = passwordState(user, context, now);
        boolean passwordInEveryChain = primary == FlowPlan.Primary.CHAINS
                && chains.stream().allMatch(c -> c.contains(FactorTypes.PASSWORD));
        boolean passwordInSomeChain = chains.stream().anyMatch(c -> c.contains(FactorTypes.PASSWORD));
        if (password != PasswordState.OK) {
            String code = enforceWithoutPassword || passwordInEveryChain ? "PASSWORD_" + password + "_ENFORCED"
                    : passwordInSomeChain ? "PASSWORD_" + password + "_ONLY_WITH_PASSWORD_STEP"
                    : "PASSWORD_" + password + "_NOT_ENFORCED";
            reasons.add(new Reason(Rule.S6, code, enforceWithoutPassword ? "org enforces expiry without a password step" : ""));
        }

        // S2: live directory status read before SUCCESS when no bind checked the account.
        boolean directoryUser = user.source() == UserSource.DIRECTORY;
        if (directoryUser) {
            String code = passwordInEveryChain ? "STATUS_CHECKED_BY_BIND"
                    : passwordInSomeChain ? "LIVE_STATUS_READ_UNLESS_PASSWORD_STEP" : "LIVE_STATUS_READ_BEFORE_SUCCESS";
            reasons.add(new Reason(Rule.S2, code, ""));
        }

        var plan = new FlowPlan(user.userId(), org, primary, chains, context.connectionId(), kind,
                mfa.required(), mfa.methods(), mfa.enrollable(), mfa.requiredEnrollments(), enrolled, password,
                enforceWithoutPassword, directoryUser, actions.sessionLifetimeSeconds());

        List<String> firstOffers = plan.primaryOffers(List.of(), enrolled);
        if (primary == FlowPlan.Primary.CHAINS) {
            if (firstOffers.isEmpty()) {
                reasons.add(new Reason(Rule.S4, "NOT_ENROLLED_IN_ANY_FIRST_FACTOR",
                        "the user holds the first factor of no chain"));
                return refuse(RefusalReason.NO_ENROLLED_FIRST_FACTOR, "", reasons);
            }
            reasons.add(new Reason(Rule.S4, "FIRST_STEP", "offers " + firstOffers));
        }
        reasons.add(new Reason(Rule.S13, "SESSION_LIFETIME", actions.sessionLifetimeSeconds() + "s"));
        return new Decision.Allowed(plan, match.get().policy().id(), match.get().rule().id(), firstOffers, reasons);
    }

    private PasswordState passwordState(UserSnapshot user, RequestContext context, Instant now) {
        Instant expiresAt = user.passwordExpiresAt();
        if (user.passwordExpired() || user.passwordMustChange() || (expiresAt != null && !now.isBefore(expiresAt))) {
            return PasswordState.EXPIRED;
        }
        if (context.warnBeforePasswordExpired() && expiresAt != null
                && !now.plus(passwordWarnPeriod).isBefore(expiresAt)) {
            return PasswordState.WARN;
        }
        return PasswordState.OK;
    }

    /** S4: chains whose every factor type is activated in the environment (the password always is). */
    private static List<List<String>> usableChains(List<List<String>> chains, List<String> active, List<Reason> reasons) {
        List<List<String>> usable = new ArrayList<>();
        for (List<String> chain : chains) {
            boolean ok = !chain.isEmpty() && chain.size() <= FlowPlan.MAX_CHAIN_LENGTH
                    && chain.stream().distinct().count() == chain.size()
                    && chain.stream().allMatch(t -> FactorTypes.PASSWORD.equals(t) || active.contains(t));
            if (ok) {
                usable.add(chain);
            } else {
                reasons.add(new Reason(Rule.S4, "CHAIN_UNUSABLE", chain + " holds a type that is not activated"));
            }
        }
        return usable;
    }

    private static Optional<OrgMembership> membership(UserSnapshot user, String orgId) {
        return user.memberships().stream().filter(m -> m.orgId().equals(orgId)).findFirst();
    }

    private static Decision refuse(RefusalReason reason, String detail, List<Reason> reasons) {
        if (reasons.isEmpty() || !reasons.get(reasons.size() - 1).code().equals(reason.name())) {
            reasons.add(new Reason(reason.rule(), reason.name(), detail));
        }
        reasons.add(new Reason(Rule.S1, "GENERIC_REFUSAL", "the client sees the generic failure only"));
        return new Decision.Refused(reason, reasons);
    }
}
