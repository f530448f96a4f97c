package io.sequent.policy.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.sequent.policy.api.Views.FactorTypeView;
import io.sequent.policy.service.FactorTypeService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/factor-types")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Factor types")
@SecurityRequirement(name = "bearer")
public class FactorTypeResource {

    private final FactorTypeService service;
    private final SecurityIdentity identity;

    public FactorTypeResource(FactorTypeService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The factor type catalogue and which types are active (seed 000)")
    public Uni<List<FactorTypeView>> list() {
        return service.list();
    }

    @GET
    @Path("/{type}")
    @Operation(summary = "Read one factor type")
    public Uni<Response> get(@PathParam("type") String type) {
        return service.get(type).map(t -> Responses.tagged(t, t.version()));
    }

    @POST
    @Path("/{type}/lifecycle/activate")
    @Operation(summary = "Activate a factor type")
    public Uni<Response> activate(@PathParam("type") String type, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.setActive(Responses.actor(identity), type, true, ifMatch).map(Responses::ok);
    }

    @POST
    @Path("/{type}/lifecycle/deactivate")
    @Operation(summary = "Deactivate a factor type",
            description = "Refused (409) while a rule's chain or MFA methods, an org's or the environment's methods use it.")
    public Uni<Response> deactivate(@PathParam("type") String type, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.setActive(Responses.actor(identity), type, false, ifMatch).map(Responses::ok);
    }
}
