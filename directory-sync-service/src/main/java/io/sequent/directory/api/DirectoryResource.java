package io.sequent.directory.api;

import io.sequent.directory.service.DirectoryService;
import io.sequent.directory.service.ImportService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/directories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Directories")
@SecurityRequirement(name = "bearer")
public class DirectoryResource {

    /** The body of a manual import request. */
    public record ImportRequest(@Pattern(regexp = "FULL|INCREMENTAL", message = "must be FULL or INCREMENTAL") String kind) {
    }

    private final DirectoryService directories;
    private final ImportService imports;
    private final Clock clock;

    public DirectoryResource(DirectoryService directories, ImportService imports, Clock clock) {
        this.directories = directories;
        this.imports = imports;
        this.clock = clock;
    }

    @POST
    @Operation(summary = "Add a directory", description = "Connects and binds before saving: a configuration that "
            + "cannot work is refused with 422. The bind password is sealed (AES-256-GCM) and never returned.")
    public Uni<Response> create(@NotNull @Valid DirectoryRequest request) {
        return directories.create(request).map(d -> Response.created(URI.create("/api/v1/directories/" + d.id))
                .tag(new EntityTag(Long.toString(d.version))).entity(DirectoryView.of(d)).build());
    }

    @GET
    public Uni<List<DirectoryView>> list() {
        return directories.list().map(l -> l.stream().map(DirectoryView::of).toList());
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return directories.get(id).map(d -> Response.ok(DirectoryView.of(d)).tag(new EntityTag(Long.toString(d.version))).build());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a directory's configuration", description = "Honours If-Match; a null bindPassword keeps the stored one.")
    public Uni<Response> replace(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @NotNull @Valid DirectoryRequest request) {
        return directories.replace(id, request, Etags.version(ifMatch))
                .map(d -> Response.ok(DirectoryView.of(d)).tag(new EntityTag(Long.toString(d.version))).build());
    }

    @POST
    @Path("/{id}/imports")
    @Operation(summary = "Start an import now (full or incremental)",
            description = "202 with the import; 409 naming the running import when one runs.")
    public Uni<Response> startImport(@PathParam("id") UUID id, @Valid ImportRequest request) {
        String kind = request == null || request.kind() == null ? "INCREMENTAL" : request.kind();
        return imports.start(id, kind, "MANUAL").map(run -> Response.accepted(ImportView.of(run, clock.instant()))
                .location(URI.create("/api/v1/directories/" + id + "/imports/" + run.id)).build());
    }

    @GET
    @Path("/{id}/imports")
    public Uni<List<ImportView>> recentImports(@PathParam("id") UUID id) {
        return directories.get(id).chain(d -> imports.recent(id))
                .map(l -> l.stream().map(run -> ImportView.of(run, clock.instant())).toList());
    }

    @GET
    @Path("/{id}/imports/{importId}")
    @Operation(summary = "An import's progress while it runs, its outcome after")
    public Uni<ImportView> getImport(@PathParam("id") UUID id, @PathParam("importId") UUID importId) {
        return imports.get(id, importId).map(run -> ImportView.of(run, clock.instant()));
    }
}
