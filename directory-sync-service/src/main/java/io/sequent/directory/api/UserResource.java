package io.sequent.directory.api;

import io.sequent.directory.persistence.UserEntity;
import io.sequent.directory.service.UserService;
import io.sequent.events.UserSnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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

    public UserResource(UserService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Create a local user", description = "Publishes directory.user.created.")
    public Uni<Response> create(@NotNull @Valid CreateUserRequest request) {
        return service.createLocal(request).map(user -> Response.created(URI.create("/api/v1/users/" + user.id))
                .tag(etag(user)).entity(user.toSnapshot()).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one user")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id).map(user -> Response.ok(user.toSnapshot()).tag(etag(user)).build());
    }

    @GET
    @Operation(summary = "List users, ordered by username")
    public Uni<List<UserSnapshot>> list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                        @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return service.list(offset, limit).map(users -> users.stream().map(UserEntity::toSnapshot).toList());
    }

    static EntityTag etag(UserEntity user) {
        return new EntityTag(Long.toString(user.version));
    }
}
