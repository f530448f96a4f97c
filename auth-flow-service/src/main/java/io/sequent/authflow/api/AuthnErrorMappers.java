package io.sequent.authflow.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.sequent.authflow.client.NeighbourUnavailable;
import io.sequent.authflow.persistence.RateLimits;
import io.sequent.authflow.domain.flow.DeadTransaction;
import io.sequent.authflow.domain.flow.IllegalTransition;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of the Authentication API in the Okta error shape (contract §6), never a stack trace
 * or a class name. The Jackson exception types are named one by one so that Quarkus's built-in
 * mappers for them do not win.
 */
public class AuthnErrorMappers {

    @ServerExceptionMapper
    public Response authn(AuthnException e) {
        if (e instanceof RateLimits.Limited limited) {
            return limited(limited);
        }
        if (e.status() >= 500) {
            Log.warnf("authn %s: %s", e.code(), e.getMessage());
        }
        return respond(e.status(), e.body());
    }

    @ServerExceptionMapper
    public Response illegal(IllegalTransition e) {
        return authn(AuthnException.illegalState("not allowed in state " + e.state()));
    }

    @ServerExceptionMapper
    public Response dead(DeadTransaction e) {
        return authn(AuthnException.invalidToken());
    }

    /** factor-service or directory-sync did not answer (timeout, 5xx, open circuit): fail closed. */
    @ServerExceptionMapper
    public Response neighbourDown(NeighbourUnavailable e) {
        return authn(AuthnException.unavailable());
    }

    /**
     * A pool (Redis's) with every connection busy and its queue full, under a burst of sign-ins:
     * fail closed like a neighbour that does not answer, never a 500.
     */
    @ServerExceptionMapper
    public Response overloaded(io.vertx.core.http.ConnectionPoolTooBusyException e) {
        return authn(AuthnException.unavailable());
    }

    @ServerExceptionMapper
    public Response faultTolerance(FaultToleranceException e) {
        return authn(AuthnException.unavailable());
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsable(JsonParseException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        if (isAdmin(uri)) {
            return problem(Problem.of(400, "Bad Request", "the body is not valid JSON for this request"));
        }
        return respond(400, OktaError.of("E0000003", "The request body was not well-formed.",
                "the body is not valid JSON for this request"));
    }

    /** An admin API failure: RFC 9457 problem details. */
    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return problem(e.problem());
    }

    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e) {
        return Response.fromResponse(problem(Problem.of(401, "Unauthorized", "a valid bearer token is required")))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return unauthorized(new io.quarkus.security.UnauthorizedException());
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return problem(Problem.of(403, "Forbidden", "this operation needs the admin role"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 400 && e.getCause() instanceof JsonProcessingException j) {
            return unreadable(j, uri);
        }
        if (isAdmin(uri)) {
            String title = Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
            return problem(Problem.of(status, title, switch (status) {
                case 404 -> "no such resource";
                case 405 -> "the endpoint does not support this HTTP method";
                case 415 -> "send application/json";
                default -> "the request cannot be served";
            }));
        }
        return switch (status) {
            case 404 -> respond(404, OktaError.of("E0000007", "Not found: Resource not found"));
            case 405 -> respond(405, OktaError.of("E0000022", "The endpoint does not support the provided HTTP method"));
            case 413 -> respond(413, OktaError.of("E0000001", "Api validation failed: the request body is too large"));
            case 415 -> respond(415, OktaError.of("E0000001", "Api validation failed: send application/json"));
            case 406 -> respond(406, OktaError.of("E0000001", "Api validation failed: only application/json is produced"));
            default -> respond(status, OktaError.of("E0000001", "Api validation failed"));
        };
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        OktaError error = OktaError.of("E0000009", "Internal Server Error");
        Log.errorf(e, "unexpected failure, errorId %s", error.errorId());
        return respond(500, error);
    }

    /** 429 E0000047 with Okta's rate-limit headers and Date (the Java SDK waits until the reset). */
    static Response limited(RateLimits.Limited e) {
        var verdict = e.verdict();
        return Response.status(429).type(MediaType.APPLICATION_JSON_TYPE).entity(e.body())
                .header("X-Rate-Limit-Limit", verdict.limit())
                .header("X-Rate-Limit-Remaining", verdict.remaining())
                .header("X-Rate-Limit-Reset", verdict.resetEpochSeconds())
                .header("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)))
                .build();
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The admin APIs answer problem details; the end-user Authentication API answers Okta's shape. */
    private static boolean isAdmin(UriInfo uri) {
        String path = uri == null ? "" : uri.getPath();
        return path.startsWith("/api/v1/sessions") || path.startsWith("/api/v1/users") || path.startsWith("/api/v1/policies");
    }

    static Response respond(int status, OktaError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
