package io.sequent.policy.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a list of MFA methods (environment, org or rule): activated factor types other than password, once each. */
public final class Methods {

    private Methods() {
    }

    public static List<Violation> check(String pointer, List<String> methods, Set<String> activeTypes) {
        List<Violation> violations = new ArrayList<>();
        if (methods == null) {
            return violations;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < methods.size(); i++) {
            String method = methods.get(i);
            String at = pointer + "/" + i;
            if (!FactorTypes.isKnown(method)) {
                violations.add(new Violation(at, "unknown factor type '" + method + "'; known: " + FactorTypes.CATALOGUE));
            } else if (FactorTypes.PASSWORD.equals(method)) {
                violations.add(new Violation(at, "password is not an MFA method"));
            } else if (!activeTypes.contains(method)) {
                violations.add(new Violation(at, "factor type '" + method + "' is not activated"));
            } else if (!seen.add(method)) {
                violations.add(new Violation(at, "factor type '" + method + "' is listed twice"));
            }
        }
        return violations;
    }
}
