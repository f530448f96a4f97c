package io.sequent.policy.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.sequent.policy.api.Requests.ConnectionRequest;
import io.sequent.policy.api.Views.ConnectionView;
import io.sequent.policy.service.ConnectionService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/api/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Enterprise connections")
@SecurityRequirement(name = "bearer")
public class ConnectionResource {

    private final ConnectionService service;
    private final SecurityIdentity identity;

    public ConnectionResource(ConnectionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List enterprise connections")
    public Uni<List<ConnectionView>> list() {
        return service.list();
    }

    @POST
    @Operation(summary = "Create an enterprise connection",
            description = "IDP and OIDC connections need the issuer, JWKS URL and audience their assertions are checked against.")
    public Uni<Response> create(@NotNull @Valid ConnectionRequest request) {
        return service.create(Responses.actor(identity), request)
                .map(w -> Responses.created("/api/v1/connections/" + w.body().id(), w));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an enterprise connection")
    public Uni<Response> get(@PathParam("id") String id) {
        return service.get(id).map(c -> Responses.tagged(c, c.version()));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace an enterprise connection")
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @NotNull @Valid ConnectionRequest request) {
        return service.update(Responses.actor(identity), id, ifMatch, request).map(Responses::ok);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an enterprise connection no org exempts")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.delete(Responses.actor(identity), id, ifMatch).map(Responses::deleted);
    }
}
