package io.sequent.authflow.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/** factor-service's internal sign-in API (role {@code service}). */
@RegisterRestClient(configKey = "factor-service")
@Path("/internal/v1/users/{userId}/factors")
@Produces(MediaType.APPLICATION_JSON)
interface FactorApi {

    /** The list, and in the {@code Sequent-Factors-Version} header the version of the user's factor set it is. */
    @GET
    Uni<RestResponse<List<FactorClient.Factor>>> list(@HeaderParam("Authorization") String bearer,
                                                      @PathParam("userId") String userId, @QueryParam("status") String status);

    @POST
    @Path("/{factorId}/challenge")
    Uni<FactorClient.Challenge> challenge(@HeaderParam("Authorization") String bearer, @PathParam("userId") String userId,
                                          @PathParam("factorId") String factorId);

    @POST
    @Path("/password/change")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<FactorClient.PasswordChange> changePassword(@HeaderParam("Authorization") String bearer,
                                                    @PathParam("userId") String userId, FactorClient.PasswordChangeBody body);

    @POST
    @Path("/password/decoy-verify")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<FactorClient.Verification> decoyPassword(@HeaderParam("Authorization") String bearer,
                                                 @PathParam("userId") String userId, FactorClient.DecoyPasswordBody body);

    @POST
    @Path("/{factorId}/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<FactorClient.Verification> verify(@HeaderParam("Authorization") String bearer, @PathParam("userId") String userId,
                                          @PathParam("factorId") String factorId, FactorClient.VerifyBody body);
}
