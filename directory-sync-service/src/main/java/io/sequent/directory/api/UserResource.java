package io.sequent.directory.api;

import io.sequent.directory.persistence.UserEntity;
import io.sequent.directory.service.UserService;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Users")
@SecurityRequirement(name = "bearer")
public class UserResource {

    private final UserService service;
    private final io.sequent.directory.service.ImportService imports;

    public UserResource(UserService service, io.sequent.directory.service.ImportService imports) {
        this.service = service;
        this.imports = imports;
    }

    @POST
    @Path("/{id}/refresh")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Re-read an imported user from its directory now",
            description = "Publishes the user's event when something changed; 409 for a local user, 503 when the directory cannot be reached.")
    public Uni<Response> refresh(@PathParam("id") UUID id) {
        return imports.refreshUser(id).map(user -> Response.ok(user.toSnapshot()).tag(etag(user)).build());
    }

    @POST
    @Operation(summary = "Create a local user", description = "Publishes directory.user.created.")
    public Uni<Response> create(@NotNull @Valid CreateUserRequest request) {
        return service.createLocal(request).map(user -> Response.created(URI.create("/api/v1/users/" + user.id))
                .tag(etag(user)).entity(user.toSnapshot()).build());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a local user", description = "Honours If-Match. Publishes directory.user.updated or "
            + "roles_changed when something changed. Imported users are changed in their directory (409).")
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                @NotNull @Valid UpdateUserRequest request) {
        return service.updateLocal(id, Etags.version(ifMatch), request)
                .map(user -> Response.ok(user.toSnapshot()).tag(etag(user)).build());
    }

    @PUT
    @Path("/{id}/status")
    @Operation(summary = "Disable or enable a user", description = "Local users: their status. Imported users: an "
            + "admin override; DISABLED holds through imports, ACTIVE clears it and re-reads the user from its directory. "
            + "Publishes directory.user.disabled or enabled when the status changes.")
    public Uni<Response> status(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                @NotNull @Valid StatusRequest request) {
        UserStatus status = UserStatus.valueOf(request.status());
        Long version = Etags.version(ifMatch);
        return service.sourceOf(id).chain(source -> source == UserSource.LOCAL
                        ? service.setLocalStatus(id, version, status)
                        : service.overrideImportedStatus(id, version, status)
                                .chain(user -> status == UserStatus.ACTIVE ? imports.refreshUser(id) : Uni.createFrom().item(user)))
                .map(user -> Response.ok(user.toSnapshot()).tag(etag(user)).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a local user", description = "Publishes directory.user.deleted; the username is free again.")
    public Uni<Response> delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return service.deleteLocal(id, Etags.version(ifMatch)).map(user -> Response.noContent().build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one user")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id).map(user -> Response.ok(user.toSnapshot()).tag(etag(user)).build());
    }

    @GET
    @Operation(summary = "List users, ordered by username",
            description = "username: only the live user with this username, any case (a list of zero or one).")
    public Uni<List<UserSnapshot>> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
                                        @QueryParam("username") @jakarta.validation.constraints.Size(min = 1, max = 256) String username) {
        Uni<List<UserEntity>> found = username == null || username.isBlank() ? service.list(offset, limit)
                : service.findByUsername(username);
        return found.map(users -> users.stream().map(UserEntity::toSnapshot).toList());
    }

    static EntityTag etag(UserEntity user) {
        return new EntityTag(Long.toString(user.version));
    }
}
