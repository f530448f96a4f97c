package io.sequent.authflow.domain.policy;

/**
 * Why a sign-in was refused. Internal only (S1): the client always gets the same generic failure.
 */
public enum RefusalReason {
    USER_DISABLED(Rule.S2),
    USER_DELETED(Rule.S2),
    ACCOUNT_EXPIRED(Rule.S2),
    /** The live directory read could not be made and the directory's setting says refuse. */
    STATUS_UNVERIFIABLE(Rule.S2),
    NOT_ORG_MEMBER(Rule.ORG),
    /** Several memberships, none marked default, and the request named none. */
    ORG_AMBIGUOUS(Rule.ORG),
    UNKNOWN_CONNECTION(Rule.S3),
    NO_RULE_MATCHED(Rule.S3),
    RULE_DENIES(Rule.S3),
    NO_ENROLLED_FIRST_FACTOR(Rule.S4),
    NO_ENROLLED_NEXT_FACTOR(Rule.S4),
    APP_RULE_WITH_CHAINS(Rule.S5),
    DIRECTORY_DISABLED(Rule.S6),
    DIRECTORY_ACCOUNT_EXPIRED(Rule.S6),
    DIRECTORY_NOT_PERMITTED(Rule.S6),
    /** MFA is required but the user has no factor of the methods and may enroll none. */
    MFA_UNSATISFIABLE(Rule.S9);

    private final Rule rule;

    RefusalReason(Rule rule) {
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
