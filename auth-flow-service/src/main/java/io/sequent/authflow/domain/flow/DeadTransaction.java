package io.sequent.authflow.domain.flow;

/** The transaction expired or already ended (Okta E0000011: the state token is dead). */
public final class DeadTransaction extends FlowException {

    public enum Why { EXPIRED, FINISHED }

    private final Why why;

    public DeadTransaction(String transactionId, Why why) {
        super("transaction " + transactionId + " is " + why.name().toLowerCase(java.util.Locale.ROOT));
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
