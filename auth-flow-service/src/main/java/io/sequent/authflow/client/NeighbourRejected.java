package io.sequent.authflow.client;

/** A neighbour service answered with a 4xx: the request was wrong or too soon, the service is up. */
public class NeighbourRejected extends RuntimeException {

    private final int status;

    public NeighbourRejected(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
