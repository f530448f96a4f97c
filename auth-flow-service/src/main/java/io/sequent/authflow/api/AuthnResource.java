package io.sequent.authflow.api;

import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.persistence.RateLimits;
import io.sequent.authflow.service.FactorEnrollment;
import io.sequent.authflow.service.FactorVerification;
import io.sequent.authflow.service.FederatedSignIn;
import io.sequent.authflow.service.PasswordChange;
import io.sequent.authflow.service.PrimaryAuth;
import io.sequent.authflow.service.SkipStep;
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
    private final FederatedSignIn federated;
    private final FactorVerification factors;
    private final FactorEnrollment enrollment;
    private final PasswordChange passwords;
    private final SkipStep skips;
    private final TransactionViews views;
    private final RateLimits limits;

    public AuthnResource(PrimaryAuth primary, FederatedSignIn federated, FactorVerification factors, FactorEnrollment enrollment,
                         PasswordChange passwords, SkipStep skips, TransactionViews views, RateLimits limits) {
        this.primary = primary;
        this.federated = federated;
        this.factors = factors;
        this.enrollment = enrollment;
        this.passwords = passwords;
        this.skips = skips;
        this.views = views;
        this.limits = limits;
    }

    @POST
    @Operation(summary = "Primary authentication, or read the transaction",
            description = "{stateToken} only: the current transaction. {username, password}: the password flow. "
                    + "{username} only: the first step of factor sequencing. {assertion, context: {connection}}: a federated "
                    + "sign-in with a JWT from the connection's identity provider (IDP or IWA). Failure: 401 E0000004.")
    public Uni<Map<String, Object>> authn(AuthnRequests.Primary body, @Context HttpServerRequest http) {
        AuthnRequests.Primary request = body == null ? new AuthnRequests.Primary(null, null, null, null, null, null) : body;
        if (request.stateToken() != null && request.username() == null && request.assertion() == null) {
            return primary.read(request.stateToken()).map(views::render);
        }
        String clientIp = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        String connection = request.context() == null ? null : request.context().connection();
        AuthnRequests.Options options = request.options();
        boolean warnBeforeExpiry = options != null && Boolean.TRUE.equals(options.warnBeforePasswordExpired());
        boolean multiOptional = options != null && Boolean.TRUE.equals(options.multiOptionalFactorEnroll());
        if (request.assertion() != null || (connection != null && !connection.isBlank())) {
            if (request.password() != null) {
                throw AuthnException.validation("password: not accepted with an assertion");
            }
            return federated.start(new FederatedSignIn.Request(connection, request.assertion(), request.username(),
                    request.relayState(), request.context() == null ? null : request.context().orgId(), clientIp,
                    multiOptional)).map(views::render);
        }
        var start = new PrimaryAuth.Start(request.username(), request.password(), request.relayState(),
                request.context() == null ? null : request.context().orgId(), warnBeforeExpiry, multiOptional, clientIp);
        if (request.username() != null && !request.username().isBlank()) {
            return limits.checkUsername(request.username().strip()).flatMap(allowed -> primary.start(start))
                    .map(views::render);
        }
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
        AuthnRequests.Verify request = body == null
                ? new AuthnRequests.Verify(null, null, null, null, null, null, null, null, null) : body;
        return factors.verify(request.stateToken(), factorId,
                        new FactorVerification.Input(request.passCode(), request.answer(), request.password(),
                                request.clientData(), request.authenticatorData(), request.signatureData()))
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

    @POST
    @Path("/factors")
    @Operation(summary = "Enroll a factor inside MFA_ENROLL",
            description = "{stateToken, factorType, provider, profile}: enrolled through factor-service. totp, sms, call, "
                    + "email: MFA_ENROLL_ACTIVATE (totp with _embedded.factor._embedded.activation: sharedSecret and the QR "
                    + "code; sms/call/email: a code was sent; webauthn: the PublicKeyCredentialCreationOptions; push: the "
                    + "activation QR code for the device app, then poll). question: usable at once, the flow goes on. Refused by "
                    + "factor-service (bad phone number, unknown type): 400 E0000001 with the reason in errorCauses.")
    public Uni<Map<String, Object>> enroll(AuthnRequests.Enroll body) {
        AuthnRequests.Enroll request = body == null ? new AuthnRequests.Enroll(null, null, null, null) : body;
        return enrollment.enroll(request.stateToken(), new FactorEnrollment.Request(request.factorType(),
                request.provider(), request.profile())).map(views::render);
    }

    @POST
    @Path("/factors/{factorId}/lifecycle/activate/poll")
    @Operation(summary = "Poll a push factor's activation by its device in MFA_ENROLL_ACTIVATE",
            description = "factorResult WAITING (the device has not registered yet) or TIMEOUT (the activation expired: go "
                    + "back and enroll again) leave the state as it is; once the device registered, the sign-in goes on "
                    + "as after any activation.")
    public Uni<Map<String, Object>> activationPoll(@PathParam("factorId") String factorId, AuthnRequests.State body) {
        return enrollment.poll(body == null ? null : body.stateToken(), factorId).map(views::render);
    }

    @POST
    @Path("/factors/{factorId}/lifecycle/activate")
    @Operation(summary = "Activate the factor enrolled in MFA_ENROLL_ACTIVATE with its passCode (webauthn: attestation, clientData)",
            description = "Wrong code or refused attestation: 403 E0000068, the state does not change. TOTP code reused: "
                    + "403 E0000082. Missing fields: 400 E0000001. A push factor is activated by its device (poll instead): "
                    + "403 E0000079.")
    public Uni<Map<String, Object>> activate(@PathParam("factorId") String factorId, AuthnRequests.Activate body) {
        AuthnRequests.Activate request = body == null ? new AuthnRequests.Activate(null, null, null, null) : body;
        return enrollment.activate(request.stateToken(), factorId,
                new FactorClient.ActivateBody(request.passCode(), request.attestation(), request.clientData()))
                .map(views::render);
    }

    @POST
    @Path("/factors/{factorId}/lifecycle/resend")
    @Operation(summary = "Send the activation code of an sms, call or email factor again (MFA_ENROLL_ACTIVATE)")
    public Uni<Map<String, Object>> resendActivation(@PathParam("factorId") String factorId, AuthnRequests.State body) {
        return enrollment.resend(body == null ? null : body.stateToken(), factorId).map(views::render);
    }

    @POST
    @Path("/skip")
    @Operation(summary = "Skip the password-expiry warning (PASSWORD_WARN), or the OPTIONAL factors left in MFA_ENROLL",
            description = "Allowed only where the transaction publishes _links.skip: PASSWORD_WARN, and MFA_ENROLL once MFA "
                    + "is satisfied and every REQUIRED factor type is enrolled. Anywhere else: 403 E0000079.")
    public Uni<Map<String, Object>> skip(AuthnRequests.State body) {
        return skips.skip(body == null ? null : body.stateToken()).map(views::render);
    }

    @POST
    @Path("/credentials/change_password")
    @Operation(summary = "Change the password in PASSWORD_EXPIRED or PASSWORD_WARN",
            description = "Wrong old password, a new password the policy refuses, or a password that cannot be changed "
                    + "here: 403 E0000014 with the cause in errorCauses. The account locked meanwhile: status LOCKED_OUT.")
    public Uni<Map<String, Object>> changePassword(AuthnRequests.ChangePassword body) {
        AuthnRequests.ChangePassword request = body == null ? new AuthnRequests.ChangePassword(null, null, null, null) : body;
        return passwords.change(request.stateToken(), request.oldPassword(), request.newPassword()).map(views::render);
    }
}
