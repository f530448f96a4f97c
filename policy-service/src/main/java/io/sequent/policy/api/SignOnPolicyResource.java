package io.sequent.policy.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.sequent.policy.api.Requests.OrderRequest;
import io.sequent.policy.api.Requests.RuleRequest;
import io.sequent.policy.api.Requests.SignOnPolicyRequest;
import io.sequent.policy.api.Views.RuleView;
import io.sequent.policy.api.Views.SignOnPolicyView;
import io.sequent.policy.service.RuleService;
import io.sequent.policy.service.SignOnPolicyService;
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

@Path("/api/v1/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Sign-on policies")
@SecurityRequirement(name = "bearer")
public class SignOnPolicyResource {

    private final SignOnPolicyService policies;
    private final RuleService rules;
    private final SecurityIdentity identity;

    public SignOnPolicyResource(SignOnPolicyService policies, RuleService rules, SecurityIdentity identity) {
        this.policies = policies;
        this.rules = rules;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List sign-on policies by priority, each with its rules")
    public Uni<List<SignOnPolicyView>> list() {
        return policies.list();
    }

    @POST
    @Operation(summary = "Create a sign-on policy (ORG, or APP naming a client application)")
    public Uni<Response> create(@NotNull @Valid SignOnPolicyRequest request) {
        return policies.create(Responses.actor(identity), request)
                .map(w -> Responses.created("/api/v1/policies/" + w.body().id(), w));
    }

    @PUT
    @Path("/order")
    @Operation(summary = "Reorder every sign-on policy: the ids, highest priority first")
    public Uni<Response> reorder(@NotNull @Valid OrderRequest request) {
        return policies.reorder(Responses.actor(identity), request.ids()).map(Responses::okUntagged);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a sign-on policy with its rules")
    public Uni<Response> get(@PathParam("id") String id) {
        return policies.get(id).map(p -> Responses.tagged(p, p.version()));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a sign-on policy's name, type, application, priority and groups")
    public Uni<Response> update(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                @NotNull @Valid SignOnPolicyRequest request) {
        return policies.update(Responses.actor(identity), id, ifMatch, request).map(Responses::ok);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a sign-on policy and its rules")
    public Uni<Response> delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return policies.delete(Responses.actor(identity), id, ifMatch).map(Responses::deleted);
    }

    @GET
    @Path("/{id}/rules")
    @Operation(summary = "List a policy's rules by priority")
    public Uni<List<RuleView>> listRules(@PathParam("id") String id) {
        return rules.list(id);
    }

    @POST
    @Path("/{id}/rules")
    @Operation(summary = "Add a rule",
            description = "Chains in an APP policy, or with an inactive, unknown or repeated factor type, or longer than 5: "
                    + "400. Saved with an S11 warning when no chain is all REQUIRED in the enrollment policy that applies.")
    public Uni<Response> createRule(@PathParam("id") String id, @NotNull @Valid RuleRequest request) {
        return rules.create(Responses.actor(identity), id, request)
                .map(w -> Responses.created("/api/v1/policies/" + id + "/rules/" + w.body().id(), w));
    }

    @PUT
    @Path("/{id}/rules/order")
    @Operation(summary = "Reorder every rule of a policy: the ids, first evaluated first")
    public Uni<Response> reorderRules(@PathParam("id") String id, @NotNull @Valid OrderRequest request) {
        return rules.reorder(Responses.actor(identity), id, request.ids()).map(Responses::okUntagged);
    }

    @GET
    @Path("/{id}/rules/{ruleId}")
    @Operation(summary = "Read a rule")
    public Uni<Response> getRule(@PathParam("id") String id, @PathParam("ruleId") String ruleId) {
        return rules.get(id, ruleId).map(r -> Responses.tagged(r, r.version()));
    }

    @PUT
    @Path("/{id}/rules/{ruleId}")
    @Operation(summary = "Replace a rule")
    public Uni<Response> updateRule(@PathParam("id") String id, @PathParam("ruleId") String ruleId,
                                    @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid RuleRequest request) {
        return rules.update(Responses.actor(identity), id, ruleId, ifMatch, request).map(Responses::ok);
    }

    @DELETE
    @Path("/{id}/rules/{ruleId}")
    @Operation(summary = "Delete a rule")
    public Uni<Response> deleteRule(@PathParam("id") String id, @PathParam("ruleId") String ruleId,
                                    @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return rules.delete(Responses.actor(identity), id, ruleId, ifMatch).map(Responses::deleted);
    }
}
