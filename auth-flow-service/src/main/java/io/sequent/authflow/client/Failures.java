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
                String[] body = problem(web);
                return new NeighbourRejected(status, neighbour + " answered " + status, body[0], body[1]);
            }
            return new NeighbourUnavailable(neighbour + " answered " + status);
        }
        return new NeighbourUnavailable(neighbour + " unreachable: " + failure.getClass().getSimpleName());
    }

    /** {errorCode, detail} of an RFC 9457 problem body; nulls when there is none or it is unreadable. */
    private static String[] problem(WebApplicationException web) {
        try {
            String text = web.getResponse().readEntity(String.class);
            if (text == null || text.isBlank()) {
                return new String[2];
            }
            var node = io.sequent.events.EventCodec.mapper().readTree(text);
            String detail = node.path("detail").isTextual() ? node.path("detail").asText() : null;
            if (detail == null && node.path("errors").isArray() && !node.path("errors").isEmpty()) {
                detail = node.path("errors").get(0).path("detail").asText(null);
            }
            return new String[] {node.path("errorCode").isTextual() ? node.path("errorCode").asText() : null, detail};
        } catch (RuntimeException | java.io.IOException e) {
            return new String[2];
        }
    }
}
