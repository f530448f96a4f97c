package io.sequent.authflow.domain.flow;

/** The event is not allowed in the transaction's current state (Okta E0000079). */
public final class IllegalTransition extends FlowException {

    private final FlowState state;
    private final String event;

    public IllegalTransition(FlowState state, FlowEvent event, String why) {
        super(event.getClass().getSimpleName() + " not allowed in " + state + ": " + why);
        this.state = state;
        this.event = event.getClass().getSimpleName();
    }

    public FlowState state() {
        return state;
    }

    public String event() {
        return event;
    }
}
