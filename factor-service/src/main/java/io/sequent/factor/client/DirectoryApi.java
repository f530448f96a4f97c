package io.sequent.factor.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** directory-sync's delegated password check; its service token comes from quarkus-oidc-client. */
@RegisterRestClient(configKey = "directory-sync")
@OidcClientFilter
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface DirectoryApi {

    record AuthenticateRequest(String userId, String password) {
    }

    record AuthenticateResponse(String outcome) {
    }

    @POST
    @Path("/authenticate")
    Uni<AuthenticateResponse> authenticate(AuthenticateRequest request);
}
