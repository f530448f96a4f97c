package io.sequent.authflow.service;

import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.events.UserSnapshot;
import java.time.Instant;
import java.util.Objects;

/** What an Authentication API call ends with; the api layer turns it into the Okta transaction JSON. */
public sealed interface AuthnOutcome {

    /** A live transaction; {@code user} is null for a decoy (S1) and before anything is verified. */
    record Live(StoredTransaction stored, String stateToken, UserSnapshot user) implements AuthnOutcome {
        public Live {
            Objects.requireNonNull(stored, "stored");
            Objects.requireNonNull(stateToken, "stateToken");
        }
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
