package io.sequent.policy.api;

import io.sequent.events.policy.PolicySnapshot;
import io.sequent.policy.api.Views.AuditEntryView;
import io.sequent.policy.domain.UsageReport;
import io.sequent.policy.service.AuditService;
import io.sequent.policy.service.SnapshotService;
import io.sequent.policy.service.UsageService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read-only views: the compiled snapshot, the usage report and the audit trail. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@SecurityRequirement(name = "bearer")
public class ReportResource {

    private final SnapshotService snapshots;
    private final UsageService usage;
    private final AuditService audit;

    public ReportResource(SnapshotService snapshots, UsageService usage, AuditService audit) {
        this.snapshots = snapshots;
        this.usage = usage;
        this.audit = audit;
    }

    @GET
    @Path("/policy-snapshot")
    @Tag(name = "Snapshot")
    @Operation(summary = "The compiled, versioned snapshot auth-flow evaluates (the data of the latest policy.changed)")
    public Uni<Response> snapshot() {
        return snapshots.latest().map(s -> Responses.tagged(s, s.version()));
    }

    @GET
    @Path("/policy-snapshots/{version}")
    @Tag(name = "Snapshot")
    @Operation(summary = "A past snapshot by version (each audit entry names the version its change made)")
    public Uni<Response> snapshotVersion(@PathParam("version") @Min(1) long version) {
        return snapshots.version(version).map(s -> Responses.tagged(s, s.version()));
    }

    @GET
    @Path("/usage")
    @Tag(name = "Usage")
    @Operation(summary = "S12: orgs using org-level MFA against the free quota; the rest are billable")
    public Uni<UsageReport> usage() {
        return usage.report();
    }

    @GET
    @Path("/audit")
    @Tag(name = "Audit")
    @Operation(summary = "Admin changes, newest first: who, when, what, before and after")
    public Uni<List<AuditEntryView>> audit(@QueryParam("targetType") @Size(max = 64) String targetType,
                                           @QueryParam("targetId") @Size(max = 256) String targetId,
                                           @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                           @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return audit.page(targetType, targetId, offset, limit);
    }
}
