package io.sequent.authflow.api;

import io.sequent.authflow.persistence.Sessions;
import io.sequent.authflow.service.SessionGrants;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sessions for admins (role {@code admin}): read and revoke one, list and revoke a user's. A revoked
 * session publishes {@code auth.session.revoked} and is no longer found here; access tokens already
 * issued for it are short-lived JWTs that live out their lifetime (sequent.oauth.access-token-lifetime).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Sessions")
@SecurityRequirement(name = "bearer")
public class SessionResource {

    private final Sessions sessions;
    private final SessionGrants grants;

    public SessionResource(Sessions sessions, SessionGrants grants) {
        this.sessions = sessions;
        this.grants = grants;
    }

    @GET
    @Path("/sessions/{sessionId}")
    @Operation(summary = "Read a session", description = "404 problem for an unknown, expired or revoked session.")
    public Uni<Map<String, Object>> get(@PathParam("sessionId") String sessionId) {
        return sessions.find(sessionId).map(found -> view(found.orElseThrow(() -> ProblemException.notFound("session " + sessionId))));
    }

    @DELETE
    @Path("/sessions/{sessionId}")
    @Operation(summary = "Revoke a session", description = "204; publishes auth.session.revoked. 404 problem if there is none.")
    public Uni<Response> revoke(@PathParam("sessionId") String sessionId) {
        return grants.revoke(sessionId, "ADMIN_REVOKED").map(deleted -> {
            if (deleted.isEmpty()) {
                throw ProblemException.notFound("session " + sessionId);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/users/{userId}/sessions")
    @Operation(summary = "A user's live sessions, newest first")
    public Uni<List<Map<String, Object>>> ofUser(@PathParam("userId") String userId) {
        requireUserId(userId);
        return sessions.ofUser(userId).map(all -> all.stream().map(SessionResource::view).toList());
    }

    @DELETE
    @Path("/users/{userId}/sessions")
    @Operation(summary = "Revoke every session of a user", description = "204; one auth.session.revoked per session.")
    public Uni<Response> revokeAll(@PathParam("userId") String userId) {
        requireUserId(userId);
        return grants.revokeAllOf(userId, "ADMIN_REVOKED").map(deleted -> Response.noContent().build());
    }

    private static void requireUserId(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > 128 || !userId.matches("[A-Za-z0-9._@-]+")) {
            throw ProblemException.invalid("userId", "must be a user id (letters, digits and . _ @ -, at most 128)");
        }
    }

    static Map<String, Object> view(Sessions.Session s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", s.id());
        v.put("userId", s.userId());
        if (s.orgId() != null) {
            v.put("orgId", s.orgId());
        }
        v.put("clientId", s.clientId());
        v.put("status", "ACTIVE");
        v.put("amr", s.amr());
        v.put("acr", s.acr());
        v.put("createdAt", TransactionViews.iso(s.createdAt()));
        v.put("expiresAt", TransactionViews.iso(s.expiresAt()));
        return v;
    }
}
