package io.sequent.authflow.api;

import io.sequent.authflow.service.FactorVerification;
import io.sequent.authflow.service.PrimaryAuth;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The end-user Authentication API, compatible with Okta's classic {@code /api/v1/authn} (no
 * authentication header: the state token is the credential). Errors use the Okta error shape.
 */
@Path("/api/v1/authn")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication")
public class AuthnResource {

    private final PrimaryAuth primary;
    private final FactorVerification factors;
    private final TransactionViews views;

    public AuthnResource(PrimaryAuth primary, FactorVerification factors, TransactionViews views) {
        this.primary = primary;
        this.factors = factors;
        this.views = views;
    }

    @POST
    @Operation(summary = "Primary authentication, or read the transaction",
            description = "{stateToken} only: the current transaction. {username, password}: the password flow. "
                    + "{username} only: the first step of factor sequencing. Failure: 401 E0000004.")
    public Uni<Map<String, Object>> authn(AuthnRequests.Primary body, @Context HttpServerRequest http) {
        AuthnRequests.Primary request = body == null ? new AuthnRequests.Primary(null, null, null, null, null, null) : body;
        if (request.stateToken() != null && request.username() == null) {
            return primary.read(request.stateToken()).map(views::render);
        }
        var start = new PrimaryAuth.Start(request.username(), request.password(), request.relayState(),
                request.context() == null ? null : request.context().orgId(),
                request.options() != null && Boolean.TRUE.equals(request.options().warnBeforePasswordExpired()),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress());
        return primary.start(start).map(views::render);
    }

    @POST
    @Path("/factors/{factorId}/verify")
    @Operation(summary = "Verify a factor, send its challenge, or poll a push")
    public Uni<Map<String, Object>> verify(@PathParam("factorId") String factorId, AuthnRequests.Verify body,
                                           @QueryParam("rememberDevice") Boolean rememberDevice,
                                           @QueryParam("autoPush") Boolean autoPush) {
        // rememberDevice / autoPush (body or query) are accepted; remembering devices is not offered yet
        // (_embedded.policy.allowRememberDevice is false), so they change nothing.
        AuthnRequests.Verify request = body == null ? new AuthnRequests.Verify(null, null, null, null, null, null) : body;
        return factors.verify(request.stateToken(), factorId,
                        new FactorVerification.Input(request.passCode(), request.answer(), request.password()))
                .map(views::render);
    }

    @POST
    @Path("/factors/{factorId}/verify/resend")
    @Operation(summary = "Send the challenge again (sms, call, email, push)")
    public Uni<Map<String, Object>> resend(@PathParam("factorId") String factorId, AuthnRequests.State body) {
        return factors.verify(body == null ? null : body.stateToken(), factorId, new FactorVerification.Input(null, null, null))
                .map(views::render);
    }

    @POST
    @Path("/cancel")
    @Operation(summary = "Cancel the transaction; the answer has no status")
    public Uni<Map<String, Object>> cancel(AuthnRequests.State body) {
        return factors.cancel(body == null ? null : body.stateToken()).map(views::render);
    }

    @POST
    @Path("/previous")
    @Operation(summary = "Back from MFA_CHALLENGE")
    public Uni<Map<String, Object>> previous(AuthnRequests.State body) {
        return factors.previous(body == null ? null : body.stateToken()).map(views::render);
    }
}
