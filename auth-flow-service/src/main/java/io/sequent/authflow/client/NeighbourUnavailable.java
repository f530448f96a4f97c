package io.sequent.authflow.client;

/** A neighbour service did not answer usefully (timeout, 5xx, open circuit): never read as a success. */
public class NeighbourUnavailable extends RuntimeException {
    public NeighbourUnavailable(String message) {
        super(message, null, false, false);
    }
}
