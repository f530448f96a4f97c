package io.sequent.policy.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.sequent.policy.api.Requests.EnrollmentPolicyRequest;
import io.sequent.policy.api.Requests.OrderRequest;
import io.sequent.policy.api.Views.EnrollmentPolicyView;
import io.sequent.policy.service.EnrollmentPolicyService;
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

@Path("/api/v1/enrollment-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Enrollment policies")
@SecurityRequirement(name = "bearer")
public class EnrollmentPolicyResource {

    private final EnrollmentPolicyService service;
    private final SecurityIdentity identity;

    public EnrollmentPolicyResource(EnrollmentPolicyService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List enrollment policies by priority")
    public Uni<List<EnrollmentPolicyView>> list() {
        return service.list();
    }

    @POST
    @Operation(summary = "Create an enrollment policy (S11): each factor type REQUIRED, OPTIONAL or NOT_ALLOWED")
    public Uni<Response> create(@NotNull @Valid EnrollmentPolicyRequest request) {
        return service.create(Responses.actor(identity), request)
                .map(w -> Responses.created("/api/v1/enrollment-policies/" + w.body().id(), w));
    }

    @PUT
    @Path("/order")
    @Operation(summary = "Reorder every enrollment policy: the ids, highest priority first")
    public Uni<Response> reorder(@NotNull @Valid OrderRequest request) {
        return service.reorder(Responses.actor(identity), request.ids()).map(Responses::okUntagged);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an enrollment policy")
    public Uni<Response> get(@PathParam("id") String id) {
        return service.get(id).map(p -> Responses.tagged(p, p.version()));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace an enrollment policy")
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @NotNull @Valid EnrollmentPolicyRequest request) {
        return service.update(Responses.actor(identity), id, ifMatch, request).map(Responses::ok);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an enrollment policy")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.delete(Responses.actor(identity), id, ifMatch).map(Responses::deleted);
    }
}
