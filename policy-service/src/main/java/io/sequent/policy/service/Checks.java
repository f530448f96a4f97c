package io.sequent.policy.service;

import io.sequent.policy.api.ProblemException;
import io.sequent.policy.domain.Preconditions;
import io.sequent.policy.domain.Violation;
import java.util.List;

/** Small guards shared by the services. */
final class Checks {

    private Checks() {
    }

    static void ifMatch(String ifMatch, long version, String what) {
        if (!Preconditions.ifMatch(ifMatch, version)) {
            throw ProblemException.preconditionFailed(what, version);
        }
    }

    static void valid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
    }
}
