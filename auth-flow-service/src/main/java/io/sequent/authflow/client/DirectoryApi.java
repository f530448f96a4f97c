package io.sequent.authflow.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** directory-sync's internal status read (role {@code service}). */
@RegisterRestClient(configKey = "directory-sync")
@Path("/internal/v1/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
interface DirectoryApi {

    @GET
    @Path("/live-status")
    Uni<DirectoryClient.LiveStatus> liveStatus(@HeaderParam("Authorization") String bearer,
                                               @PathParam("userId") String userId);
}
