package io.sequent.authflow.domain.policy;

import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The part of an ALLOW decision the sign-in transaction carries from step to step, and the rules
 * (S4, S6, S9, S2) that turn "what has been verified so far" into "what comes next". Flat and
 * made of plain values so that it stores as JSON as it is.
 *
 * @param chains           CHAINS: the usable chains in rule order; the built-in password flow is
 *                         the single chain {@code [password]}. FEDERATED: empty (S5)
 * @param connectionId     the enterprise connection, null for the built-in username flow
 * @param mfaMethods       the effective MFA methods (rule, else org, else environment; S8)
 * @param enrollableMethods methods the user may enroll during MFA_ENROLL (S9, S11)
 * @param requiredEnrollments the enrollable methods the enrollment policy marks REQUIRED; the others
 *                         are OPTIONAL (S11). Once a sign-in enrolls in MFA_ENROLL it cannot end while
 *                         one of them is not enrolled; one that satisfies MFA with factors already
 *                         held is not stopped for them
 * @param enrolledTypes    the factor types the user had ACTIVE when the sign-in started
 * @param directoryUser    the user comes from a directory (S2 live status read, S6 bind)
 */
public record FlowPlan(
        String userId,
        String orgId,
        Primary primary,
        List<List<String>> chains,
        String connectionId,
        ConnectionKindOrPassword connectionKind,
        boolean mfaRequired,
        List<String> mfaMethods,
        List<String> enrollableMethods,
        List<String> requiredEnrollments,
        List<String> enrolledTypes,
        PasswordState passwordState,
        boolean enforcePasswordExpiryWithoutPassword,
        boolean directoryUser,
        long sessionLifetimeSeconds) {

    /** How primary authentication happens: a factor chain (the password flow is one), or the IdP. */
    public enum Primary { CHAINS, FEDERATED }

    public static final int MAX_CHAIN_LENGTH = 5;

    public FlowPlan {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(connectionKind, "connectionKind");
        Objects.requireNonNull(passwordState, "passwordState");
        chains = chains == null ? List.of() : chains.stream().map(List::copyOf).toList();
        mfaMethods = mfaMethods == null ? List.of() : List.copyOf(mfaMethods);
        enrollableMethods = enrollableMethods == null ? List.of() : List.copyOf(enrollableMethods);
        requiredEnrollments = requiredEnrollments == null ? List.of() : List.copyOf(requiredEnrollments);
        if (!enrollableMethods.containsAll(requiredEnrollments)) {
            throw new IllegalArgumentException("a REQUIRED enrollment is an enrollable method: " + requiredEnrollments);
        }
        enrolledTypes = enrolledTypes == null ? List.of() : List.copyOf(enrolledTypes);
        if (primary == Primary.CHAINS) {
            if (chains.isEmpty()) {
                throw new IllegalArgumentException("a chain flow needs at least one chain");
            }
            for (List<String> chain : chains) {
                if (chain.isEmpty() || chain.size() > MAX_CHAIN_LENGTH || new HashSet<>(chain).size() != chain.size()) {
                    throw new IllegalArgumentException("a chain holds 1.." + MAX_CHAIN_LENGTH + " distinct types: " + chain);
                }
            }
        } else {
            if (!chains.isEmpty()) {
                throw new IllegalArgumentException("a federated sign-in has no chains (S5)");
            }
            if (connectionKind == ConnectionKindOrPassword.PASSWORD) {
                throw new IllegalArgumentException("a federated sign-in comes through an enterprise connection");
            }
        }
        if (sessionLifetimeSeconds < 0) {
            throw new IllegalArgumentException("sessionLifetimeSeconds must not be negative");
        }
    }

    /**
     * S4: the factor types that may be verified next during primary authentication: the next type of
     * every chain whose beginning equals {@code verified}, that the user holds (the password always).
     * At the first step this is "the first factor of every chain the user is enrolled in".
     */
    public List<String> primaryOffers(List<String> verified, Collection<String> enrolled) {
        if (primary == Primary.FEDERATED || primaryComplete(verified)) {
            return List.of();
        }
        LinkedHashSet<String> offers = new LinkedHashSet<>();
        int step = verified.size();
        for (List<String> chain : chains) {
            if (chain.size() > step && chain.subList(0, step).equals(verified)) {
                String next = chain.get(step);
                if (FactorTypes.PASSWORD.equals(next) || enrolled.contains(next)) {
                    offers.add(next);
                }
            }
        }
        return List.copyOf(offers);
    }

    /** S4/S5: a chain was verified from first to last factor, or the identity provider authenticated. */
    public boolean primaryComplete(List<String> verified) {
        if (primary == Primary.FEDERATED) {
            return !verified.isEmpty() && verified.get(0).equals(FactorTypes.federated(connectionKind));
        }
        for (List<String> chain : chains) {
            if (verified.size() >= chain.size() && verified.subList(0, chain.size()).equals(chain)) {
                return true;
            }
        }
        return false;
    }

    /**
     * S9: at least two distinct verified types, one of them (not the password) among the methods.
     */
    public boolean mfaSatisfied(List<String> verified) {
        if (new HashSet<>(verified).size() < 2) {
            return false;
        }
        for (String type : verified) {
            if (!FactorTypes.PASSWORD.equals(type) && mfaMethods.contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** S9: MFA_REQUIRED lists the user's factors of the methods that were not verified yet. */
    public List<String> mfaOffers(List<String> verified, Collection<String> enrolled) {
        List<String> offers = new ArrayList<>();
        for (String method : mfaMethods) {
            if (!FactorTypes.PASSWORD.equals(method) && enrolled.contains(method) && !verified.contains(method)) {
                offers.add(method);
            }
        }
        return List.copyOf(offers);
    }

    /** S9/S11: methods offered in MFA_ENROLL: allowed by the enrollment policy and not held yet. */
    public List<String> enrollOffers(Collection<String> enrolled) {
        return enrollableMethods.stream().filter(m -> !enrolled.contains(m)).toList();
    }

    /** S11: the methods the enrollment policy marks REQUIRED that the user does not hold yet. */
    public List<String> missingRequiredEnrollments(Collection<String> enrolled) {
        return requiredEnrollments.stream().filter(m -> !enrolled.contains(m)).toList();
    }

    /**
     * One entry of the MFA_ENROLL catalogue: an enrollable method, whether the enrollment policy
     * marks it REQUIRED (else OPTIONAL), and whether the user holds it already (ACTIVE).
     */
    public record EnrollChoice(String factorType, boolean required, boolean enrolled) {
        public EnrollChoice {
            Objects.requireNonNull(factorType, "factorType");
        }
    }

    /** S11: every enrollable method in policy order, with its enrollment and whether it is held. */
    public List<EnrollChoice> enrollChoices(Collection<String> enrolled) {
        return enrollableMethods.stream()
                .map(m -> new EnrollChoice(m, requiredEnrollments.contains(m), enrolled.contains(m))).toList();
    }

    /** S6: expiry is enforced when a password step is in the flow, or when the org says so. */
    public boolean passwordExpiryEnforced(List<String> verified) {
        return verified.contains(FactorTypes.PASSWORD) || enforcePasswordExpiryWithoutPassword;
    }

    /** S2: a directory user whose flow had no password bind waits on a live directory read. */
    public boolean liveStatusRequired(List<String> verified) {
        return directoryUser && !verified.contains(FactorTypes.PASSWORD);
    }
}
