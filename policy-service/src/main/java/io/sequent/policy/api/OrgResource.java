package io.sequent.policy.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.policy.api.Requests.OrgMfaRequest;
import io.sequent.policy.api.Requests.OrgRequest;
import io.sequent.policy.api.Views.OrgView;
import io.sequent.policy.service.OrgService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Organisations")
@SecurityRequirement(name = "bearer")
public class OrgResource {

    private final OrgService service;
    private final SecurityIdentity identity;

    public OrgResource(OrgService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List organisations with their MFA")
    public Uni<List<OrgView>> list() {
        return service.list();
    }

    @POST
    @Operation(summary = "Create an organisation", description = "The id may be chosen (as directory-sync maps OUs to org ids).")
    public Uni<Response> create(@NotNull @Valid OrgRequest request) {
        return service.create(Responses.actor(identity), request)
                .map(w -> Responses.created("/api/v1/orgs/" + w.body().id(), w));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an organisation")
    public Uni<Response> get(@PathParam("id") String id) {
        return service.get(id).map(org -> Responses.tagged(org, org.version()));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change an organisation's code or name")
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @NotNull @Valid OrgRequest request) {
        return service.update(Responses.actor(identity), id, ifMatch, request).map(Responses::ok);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an organisation no connection, enrollment policy or rule refers to")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.delete(Responses.actor(identity), id, ifMatch).map(Responses::deleted);
    }

    @GET
    @Path("/{id}/mfa")
    @Operation(summary = "Read an organisation's MFA (S8)")
    public Uni<Response> getMfa(@PathParam("id") String id) {
        return service.get(id).map(org -> Responses.tagged(org.mfa(), org.version()));
    }

    @PUT
    @Path("/{id}/mfa")
    @Operation(summary = "Replace an organisation's MFA",
            description = "Switching enforcement off while the environment is YES is refused (409, S10); otherwise it "
                    + "answers with a warning. Methods replace the environment's when set.")
    public Uni<Response> putMfa(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @NotNull @Valid OrgMfaRequest request) {
        return service.replaceMfa(Responses.actor(identity), id, ifMatch, request.toMfa()).map(Responses::ok);
    }

    @PUT
    @Path("/{id}/mfa/exempt-roles/{role}")
    @Operation(summary = "Add an exempt role (seed 001: Add exempt role)")
    public Uni<Response> addExemptRole(@PathParam("id") String id,
                                       @PathParam("role") @Size(max = 128) @Pattern(regexp = "\\S(.*\\S)?") String role,
                                       @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.editMfa(Responses.actor(identity), id, ifMatch, "org.mfa.exempt_role.add",
                mfa -> withRoles(mfa, add(mfa.exemptRoles(), role))).map(Responses::ok);
    }

    @DELETE
    @Path("/{id}/mfa/exempt-roles/{role}")
    @Operation(summary = "Remove an exempt role (seed 001: Remove)")
    public Uni<Response> removeExemptRole(@PathParam("id") String id, @PathParam("role") String role,
                                          @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.editMfa(Responses.actor(identity), id, ifMatch, "org.mfa.exempt_role.remove",
                mfa -> withRoles(mfa, remove(mfa.exemptRoles(), role, "role"))).map(Responses::ok);
    }

    @PUT
    @Path("/{id}/mfa/exempt-connections/{connectionId}")
    @Operation(summary = "Add an exempt enterprise connection (seed 001)")
    public Uni<Response> addExemptConnection(@PathParam("id") String id,
                                             @PathParam("connectionId") @Size(max = 64) String connectionId,
                                             @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.editMfa(Responses.actor(identity), id, ifMatch, "org.mfa.exempt_connection.add",
                mfa -> withConnections(mfa, add(mfa.exemptConnections(), connectionId))).map(Responses::ok);
    }

    @DELETE
    @Path("/{id}/mfa/exempt-connections/{connectionId}")
    @Operation(summary = "Remove an exempt enterprise connection (seed 001)")
    public Uni<Response> removeExemptConnection(@PathParam("id") String id, @PathParam("connectionId") String connectionId,
                                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.editMfa(Responses.actor(identity), id, ifMatch, "org.mfa.exempt_connection.remove",
                mfa -> withConnections(mfa, remove(mfa.exemptConnections(), connectionId, "connection")))
                .map(Responses::ok);
    }

    private static OrgMfa withRoles(OrgMfa mfa, List<String> roles) {
        return new OrgMfa(mfa.enforced(), mfa.methods(), roles, mfa.exemptConnections(),
                mfa.enforcePasswordExpiryWithoutPassword());
    }

    private static OrgMfa withConnections(OrgMfa mfa, List<String> connections) {
        return new OrgMfa(mfa.enforced(), mfa.methods(), mfa.exemptRoles(), connections,
                mfa.enforcePasswordExpiryWithoutPassword());
    }

    private static List<String> add(List<String> values, String value) {
        List<String> result = new ArrayList<>(values);
        if (!result.contains(value)) {
            result.add(value);
        }
        return result;
    }

    private static List<String> remove(List<String> values, String value, String what) {
        if (!values.contains(value)) {
            throw ProblemException.notFound("exempt " + what + " '" + value + "'");
        }
        List<String> result = new ArrayList<>(values);
        result.remove(value);
        return result;
    }
}
