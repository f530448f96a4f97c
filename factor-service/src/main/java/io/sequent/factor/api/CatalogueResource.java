package io.sequent.factor.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.Authenticated;
import io.sequent.factor.domain.Catalogue;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.service.CatalogueService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Okta's factor catalogue: what a user may enroll, and what the enrollment policy requires. */
@Path("/api/v1/users/{userId}/factors/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Factors")
@SecurityRequirement(name = "bearer")
public class CatalogueResource {

    /** One catalogue entry, as Okta's {@code GET /api/v1/users/{id}/factors/catalog} shows it. */
    public record Entry(String factorType, String provider, String vendorName, String enrollment, String status,
                        @JsonProperty("_links") Map<String, Object> links) {
    }

    private final Access access;
    private final CatalogueService catalogue;

    public CatalogueResource(Access access, CatalogueService catalogue) {
        this.access = access;
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "The factors the user may enroll",
            description = "One entry per factor type active in the environment that the user's enrollment policy (S11, chosen by "
                    + "the user's groups and org as a sign-in chooses it) marks REQUIRED or OPTIONAL (enrollment), with status "
                    + "ACTIVE when the user has an active factor of the type, else NOT_SETUP, and _links.enroll. Types the policy "
                    + "marks NOT_ALLOWED or does not name are absent; with no policy for the user the list is empty. orgId: the "
                    + "org to evaluate for (the user must be a member: else 400); default: the user's default or only org. "
                    + "503 problem (Retry-After) until factor-service has received a policy snapshot.")
    public Uni<List<Entry>> catalogue(@PathParam("userId") UUID userId,
                                      @QueryParam("orgId") @Size(max = 128) String orgId,
                                      @Context UriInfo uri) {
        access.requireAdminOrSelf(userId);
        String factors = uri.getBaseUriBuilder().path("api/v1/users").path(userId.toString()).path("factors").build().toString();
        return catalogue.catalogue(userId, orgId).map(entries -> entries.stream().map(e -> entry(e, factors)).toList());
    }

    private static Entry entry(Catalogue.Entry e, String factorsHref) {
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("enroll", Map.of("href", factorsHref, "hints", Map.of("allow", List.of("POST"))));
        if (e.type() == FactorType.QUESTION) {
            links.put("questions", Map.of("href", factorsHref + "/questions", "hints", Map.of("allow", List.of("GET"))));
        }
        return new Entry(e.type().wireName(), e.type().provider(), e.type().provider(), e.enrollment().name(), e.status().name(),
                links);
    }
}
