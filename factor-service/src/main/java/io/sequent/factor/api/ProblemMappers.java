package io.sequent.factor.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.logging.Log;
import io.quarkus.oidc.OIDCException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the admin API as RFC 9457 problem details; never a stack trace or a class name. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response response = respond(Problem.of(e.status(), e.title(), e.getMessage(), e.errorCode()));
        if (e.retryAfterSeconds() != null) {
            response.getHeaders().putSingle("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return response;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(pointer(v.getPropertyPath().toString()), v.getMessage()))
                .sorted((a, b) -> a.pointer().compareTo(b.pointer()))
                .toList();
        String detail = violations.stream().map(v -> v.pointer() + " " + v.detail()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail, null, violations, null));
    }

    // the exact Jackson types too, so that Quarkus's built-in mappers for them do not win
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unparsable(JsonParseException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? " at /" + m.getPath().stream()
                        .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                        .collect(Collectors.joining("/"))
                : "";
        return respond(Problem.of(400, "Malformed request body", "the body is not valid JSON for this request" + where));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        String title = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
        return respond(Problem.of(status, title, safeDetail(status)));
    }

    /** The token issuer could not be reached to check a token: the caller may retry, nothing was done. */
    @ServerExceptionMapper
    public Response issuerUnavailable(OIDCException e) {
        Log.warnf("token issuer unavailable: %s", e.getMessage());
        return respond(Problem.of(503, "Service Unavailable", "the token issuer cannot be reached; try again shortly"));
    }

    /** Every Argon2id thread busy and the queue full: retry shortly; nothing was done. */
    @ServerExceptionMapper
    public Response hashingSaturated(io.sequent.factor.service.HashingPool.Busy e) {
        Log.warn("password hashing saturated: request refused with 503");
        return Response.fromResponse(respond(Problem.of(503, "Service Unavailable",
                "too many password checks at once; try again shortly"))).header("Retry-After", "1").build();
    }

    /** Every Redis connection busy and the wait queue full, under a burst of verifications: retry shortly, never a 500. */
    @ServerExceptionMapper
    public Response overloaded(io.vertx.core.http.ConnectionPoolTooBusyException e) {
        Log.warn("Redis pool saturated: request refused with 503");
        return Response.fromResponse(respond(Problem.of(503, "Service Unavailable",
                "too many requests at once; try again shortly"))).header("Retry-After", "1").build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "unexpected failure, incident %s", incident);
        return respond(Problem.of(500, "Internal Server Error", "unexpected failure; incident " + incident));
    }

    private static String safeDetail(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 406 -> "cannot produce the requested media type";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported media type; send application/json";
            default -> "the request cannot be processed";
        };
    }

    private static String pointer(String propertyPath) {
        // "create.request.username" -> "/username": drop the method and parameter names
        String[] parts = propertyPath.split("\\.");
        return parts.length <= 2 ? "/" : "/" + String.join("/", List.of(parts).subList(2, parts.length));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
