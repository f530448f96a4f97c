package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.util.ArrayList;
import java.util.List;

/** Where a factor type is in use, so that deactivating it can be refused naming each use. */
public final class FactorTypeUsage {

    private FactorTypeUsage() {
    }

    public static List<String> usesOf(String type, PolicySnapshot config) {
        List<String> uses = new ArrayList<>();
        if (config.environmentMfa().methods().contains(type)) {
            uses.add("environment MFA methods");
        }
        for (OrgPolicy org : config.orgs()) {
            if (org.mfa() != null && org.mfa().methods() != null && org.mfa().methods().contains(type)) {
                uses.add("org '" + org.orgId() + "' MFA methods");
            }
        }
        for (SignOnPolicy policy : config.signOnPolicies()) {
            for (SignOnRule rule : policy.rules()) {
                List<List<String>> chains = rule.actions().chains();
                for (int c = 0; c < chains.size(); c++) {
                    if (chains.get(c).contains(type)) {
                        uses.add("policy '" + policy.name() + "' (" + policy.id() + ") rule '" + rule.name() + "' ("
                                + rule.id() + ") chain " + (c + 1));
                    }
                }
                if (FactorTypes.PASSWORD.equals(type) && rule.actions().access() == Access.ALLOW
                        && rule.actions().primary() == PrimaryAuth.PASSWORD) {
                    uses.add("policy '" + policy.name() + "' (" + policy.id() + ") rule '" + rule.name() + "' ("
                            + rule.id() + ") primary authentication PASSWORD");
                }
                if (rule.actions().mfaMethods().contains(type)) {
                    uses.add("policy '" + policy.name() + "' (" + policy.id() + ") rule '" + rule.name() + "' ("
                            + rule.id() + ") MFA methods");
                }
            }
        }
        return uses;
    }
}
