package io.sequent.authflow.domain.policy;

/** The sign-in rules of the design (§2), so that a decision can name the ones that fired. */
public enum Rule {
    /** Org resolution (§2 preamble): the named org, else the default or only membership. */
    ORG,
    S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, S12, S13
}
