package io.sequent.authflow.service;

import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.events.UserSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** What an Authentication API call ends with; the api layer turns it into the Okta transaction JSON. */
public sealed interface AuthnOutcome {

    /**
     * A live transaction; {@code user} is null for a decoy (S1) and before anything is verified.
     * {@code activation}: the factor's {@code _embedded.activation}, shown only in the answer to the
     * enroll call that created it (a TOTP seed is never kept in the transaction).
     */
    record Live(StoredTransaction stored, String stateToken, UserSnapshot user, Map<String, Object> activation)
            implements AuthnOutcome {
        public Live {
            Objects.requireNonNull(stored, "stored");
            Objects.requireNonNull(stateToken, "stateToken");
        }

        public Live(StoredTransaction stored, String stateToken, UserSnapshot user) {
            this(stored, stateToken, user, null);
        }

        public Live withActivation(Map<String, Object> value) {
            return new Live(stored, stateToken, user, value);
        }
    }

    /** The transaction ended LOCKED_OUT (e.g. the directory locked the account during a password change). */
    record LockedOut(String relayState) implements AuthnOutcome {
    }

    record Succeeded(StoredTransaction stored, String sessionToken, Instant expiresAt, UserSnapshot user)
            implements AuthnOutcome {
        public Succeeded {
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(user, "user");
        }
    }

    /** Cancelled by the client: the answer has no status, only the relayState. */
    record Cancelled(String relayState) implements AuthnOutcome {
    }
}
