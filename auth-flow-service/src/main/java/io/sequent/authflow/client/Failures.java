package io.sequent.authflow.client;

import jakarta.ws.rs.WebApplicationException;

/** Sorts a REST client failure into rejected (4xx, the neighbour is up) and unavailable (anything else). */
final class Failures {

    private Failures() {
    }

    static RuntimeException classify(String neighbour, Throwable failure) {
        if (failure instanceof NeighbourRejected || failure instanceof NeighbourUnavailable) {
            return (RuntimeException) failure;
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status >= 400 && status < 500) {
                return new NeighbourRejected(status, neighbour + " answered " + status);
            }
            return new NeighbourUnavailable(neighbour + " answered " + status);
        }
        return new NeighbourUnavailable(neighbour + " unreachable: " + failure.getClass().getSimpleName());
    }
}
