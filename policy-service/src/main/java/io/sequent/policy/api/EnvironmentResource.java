package io.sequent.policy.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.sequent.policy.api.Requests.EnvironmentMfaRequest;
import io.sequent.policy.service.EnvironmentService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/environment/mfa")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Environment MFA")
@SecurityRequirement(name = "bearer")
public class EnvironmentResource {

    private final EnvironmentService service;
    private final SecurityIdentity identity;

    public EnvironmentResource(EnvironmentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Read the environment MFA mode (NO, YES, OPTIONAL) and its methods (S7)")
    public Uni<Response> get() {
        return service.get().map(view -> Responses.tagged(view, view.version()));
    }

    @PUT
    @Operation(summary = "Set the environment MFA mode and methods",
            description = "YES requires MFA everywhere and overrides org enforcement off; publishes policy.changed.")
    public Uni<Response> put(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                             @NotNull @Valid EnvironmentMfaRequest request) {
        return service.update(Responses.actor(identity), ifMatch, request).map(Responses::ok);
    }
}
