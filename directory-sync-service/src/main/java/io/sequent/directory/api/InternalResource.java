package io.sequent.directory.api;

import io.sequent.directory.service.AuthenticationService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The internal API for factor-service and auth-flow (role {@code service}). */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("service")
@Tag(name = "Internal")
@SecurityRequirement(name = "bearer")
public class InternalResource {

    private final AuthenticationService auth;

    public InternalResource(AuthenticationService auth) {
        this.auth = auth;
    }

    @POST
    @Path("/authenticate")
    @Operation(summary = "Check a directory user's password by an LDAP bind",
            description = "The bind's AD sub-code becomes the outcome; a status the store did not know is stored and "
                    + "published at once. 503 when the directory cannot be reached (never a success).")
    public Uni<AuthenticationService.AuthenticateResponse> authenticate(@NotNull @Valid AuthenticateRequest request) {
        return auth.authenticate(request.userId(), request.password());
    }

    @GET
    @Path("/users/{userId}/live-status")
    @Operation(summary = "A directory user's status read from the directory now (cached a few seconds)")
    public Uni<AuthenticationService.LiveStatus> liveStatus(@PathParam("userId") UUID userId) {
        return auth.liveStatus(userId);
    }
}
