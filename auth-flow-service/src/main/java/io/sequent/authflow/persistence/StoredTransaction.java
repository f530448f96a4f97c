package io.sequent.authflow.persistence;

import io.sequent.authflow.domain.flow.Transaction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the Authentication API keeps beside the domain {@link Transaction}: who signs in, the
 * user's factors by id, the factor being challenged and the push challenge in flight.
 *
 * @param decoy           an indistinguishable stand-in for an unknown or refused user (S1): its
 *                        verifications always fail and it never reaches SUCCESS
 * @param factors         factor id → what the API shows of it, in the order factor-service listed them
 * @param currentFactorId the factor of MFA_CHALLENGE, else null
 * @param factorResult    WAITING / REJECTED / TIMEOUT for a push in MFA_CHALLENGE, else null
 * @param challengeId     the push challenge being polled, else null
 * @param correctAnswer   the number the push device shows (number matching), else null
 * @param challenge       a WebAuthn challenge in flight ({@code challenge}, {@code allowCredentials},
 *                        {@code userVerification}: public values, no secret), else null
 */
public record StoredTransaction(Transaction tx, boolean decoy, String userId, String username,
                                Map<String, FactorRef> factors, String currentFactorId, String factorResult,
                                String challengeId, Integer correctAnswer, Map<String, Object> challenge) {

    public StoredTransaction {
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(username, "username");
        factors = factors == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors));
        challenge = challenge == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(challenge));
    }

    public StoredTransaction(Transaction tx, boolean decoy, String userId, String username, Map<String, FactorRef> factors,
                             String currentFactorId, String factorResult, String challengeId, Integer correctAnswer) {
        this(tx, decoy, userId, username, factors, currentFactorId, factorResult, challengeId, correctAnswer, null);
    }

    /** One of the user's factors as the API shows it; {@code profile} is already masked by factor-service. */
    public record FactorRef(String factorType, String provider, Map<String, Object> profile) {
        public FactorRef {
            Objects.requireNonNull(factorType, "factorType");
            provider = provider == null ? "OKTA" : provider;
            profile = profile == null ? Map.of() : Map.copyOf(profile);
        }
    }

    public StoredTransaction with(Transaction next) {
        return new StoredTransaction(next, decoy, userId, username, factors, currentFactorId, factorResult,
                challengeId, correctAnswer, challenge);
    }

    public StoredTransaction withChallenge(Transaction next, String factorId, String result, String challengeId,
                                           Integer answer) {
        return new StoredTransaction(next, decoy, userId, username, factors, factorId, result, challengeId, answer, null);
    }

    /** MFA_CHALLENGE for a WebAuthn factor: the challenge the client signs, kept for re-reads. */
    public StoredTransaction withWebAuthnChallenge(Transaction next, String factorId, Map<String, Object> webauthn) {
        return new StoredTransaction(next, decoy, userId, username, factors, factorId, "CHALLENGE", null, null, webauthn);
    }

    /** A factor enrolled during sign-in joins the ones the transaction knows. */
    public StoredTransaction withFactor(String factorId, FactorRef ref) {
        Map<String, FactorRef> all = new LinkedHashMap<>(factors);
        all.put(factorId, ref);
        return new StoredTransaction(tx, decoy, userId, username, all, currentFactorId, factorResult, challengeId,
                correctAnswer, challenge);
    }

    /** Leaves MFA_CHALLENGE: no current factor, no push in flight. */
    public StoredTransaction cleared(Transaction next) {
        return new StoredTransaction(next, decoy, userId, username, factors, null, null, null, null, null);
    }
}
