package io.sequent.authflow.domain.flow;

/** Why {@link SignInFlow#transition} refused an event. */
public abstract sealed class FlowException extends RuntimeException permits IllegalTransition, DeadTransaction {

    protected FlowException(String message) {
        super(message, null, false, false);
    }
}
