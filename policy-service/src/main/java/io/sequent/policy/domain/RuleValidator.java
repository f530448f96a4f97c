package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks a sign-on rule must pass before it is saved (S3, S4, S5). Pointers are relative to the
 * rule's request body ({@code /conditions/...}, {@code /actions/...}).
 */
public final class RuleValidator {

    /** Longest session a rule may grant: 30 days. */
    public static final long MAX_SESSION_SECONDS = 30L * 24 * 3600;

    private RuleValidator() {
    }

    public static List<Violation> validate(PolicyType policyType, RuleConditions conditions, RuleActions actions,
                                           Set<String> activeTypes, Set<String> orgIds) {
        List<Violation> violations = new ArrayList<>();
        checkConditions(conditions, orgIds, violations);
        checkPrimary(policyType, actions, activeTypes, violations);
        violations.addAll(Methods.check("/actions/mfaMethods", actions.mfaMethods(), activeTypes));
        if (actions.sessionLifetimeSeconds() < 60 || actions.sessionLifetimeSeconds() > MAX_SESSION_SECONDS) {
            violations.add(new Violation("/actions/sessionLifetimeSeconds",
                    "must be between 60 and " + MAX_SESSION_SECONDS + " seconds"));
        }
        return violations;
    }

    private static void checkConditions(RuleConditions conditions, Set<String> orgIds, List<Violation> violations) {
        for (int i = 0; i < conditions.ipCidrs().size(); i++) {
            String cidr = conditions.ipCidrs().get(i);
            if (!Cidr.isValid(cidr)) {
                violations.add(new Violation("/conditions/ipCidrs/" + i, "'" + cidr + "' is not an IP range in CIDR notation"));
            }
        }
        for (int i = 0; i < conditions.orgs().size(); i++) {
            String org = conditions.orgs().get(i);
            if (!orgIds.contains(org)) {
                violations.add(new Violation("/conditions/orgs/" + i, "no organisation '" + org + "'"));
            }
        }
    }

    private static void checkPrimary(PolicyType policyType, RuleActions actions, Set<String> activeTypes,
                                     List<Violation> violations) {
        List<List<String>> chains = actions.chains();
        boolean sequence = actions.primary() == PrimaryAuth.FACTOR_SEQUENCE;
        if (policyType == PolicyType.APP && (sequence || !chains.isEmpty())) {
            violations.add(new Violation("/actions/chains",
                    "S5: factor chains cannot be specified for application sign-on policies"));
            return;
        }
        if (actions.access() == Access.DENY && !chains.isEmpty()) {
            violations.add(new Violation("/actions/chains", "a DENY rule authenticates nobody and holds no chains"));
            return;
        }
        if (!sequence && !chains.isEmpty()) {
            violations.add(new Violation("/actions/chains", "chains apply only when primary is FACTOR_SEQUENCE"));
            return;
        }
        if (sequence && actions.access() == Access.ALLOW && chains.isEmpty()) {
            violations.add(new Violation("/actions/chains", "FACTOR_SEQUENCE needs at least one chain"));
        }
        Set<List<String>> distinctChains = new HashSet<>();
        for (int c = 0; c < chains.size(); c++) {
            checkChain("/actions/chains/" + c, chains.get(c), activeTypes, violations);
            if (!distinctChains.add(chains.get(c))) {
                violations.add(new Violation("/actions/chains/" + c, "the same chain is listed twice"));
            }
        }
    }

    private static void checkChain(String pointer, List<String> chain, Set<String> activeTypes, List<Violation> violations) {
        if (chain.isEmpty()) {
            violations.add(new Violation(pointer, "a chain holds at least one factor type"));
            return;
        }
        if (chain.size() > FactorTypes.MAX_CHAIN_LENGTH) {
            violations.add(new Violation(pointer, "a chain holds at most " + FactorTypes.MAX_CHAIN_LENGTH
                    + " factor types, this one " + chain.size()));
        }
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < chain.size(); s++) {
            String type = chain.get(s);
            String at = pointer + "/" + s;
            if (!FactorTypes.isKnown(type)) {
                violations.add(new Violation(at, "unknown factor type '" + type + "'; known: " + FactorTypes.CATALOGUE));
            } else if (!activeTypes.contains(type)) {
                violations.add(new Violation(at, "factor type '" + type + "' is not activated"));
            } else if (!seen.add(type)) {
                violations.add(new Violation(at, "factor type '" + type + "' appears twice in the chain"));
            }
        }
    }
}
