package io.sequent.authflow.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * factor-service's Okta-shaped Factors API, which also admits the sign-in service (role
 * {@code service}) so that a user can enroll and activate a factor inside MFA_ENROLL, and follow a
 * push device's activation.
 */
@RegisterRestClient(configKey = "factor-service")
@Path("/api/v1/users/{userId}/factors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface FactorAdminApi {

    @POST
    Uni<FactorClient.EnrolledFactor> enroll(@HeaderParam("Authorization") String bearer, @PathParam("userId") String userId,
                                            FactorClient.EnrollBody body);

    @POST
    @Path("/{factorId}/lifecycle/activate")
    Uni<FactorClient.EnrolledFactor> activate(@HeaderParam("Authorization") String bearer, @PathParam("userId") String userId,
                                              @PathParam("factorId") String factorId, FactorClient.ActivateBody body);

    @GET
    @Path("/{factorId}/lifecycle/activate/poll")
    Uni<FactorClient.ActivationPoll> activationPoll(@HeaderParam("Authorization") String bearer,
                                                    @PathParam("userId") String userId,
                                                    @PathParam("factorId") String factorId);

    @POST
    @Path("/{factorId}/resend")
    Uni<java.util.Map<String, Object>> resend(@HeaderParam("Authorization") String bearer, @PathParam("userId") String userId,
                                              @PathParam("factorId") String factorId);
}
