package io.sequent.factor.api;

import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.service.FactorService;
import io.sequent.factor.service.PasswordChanges;
import io.sequent.factor.service.Verifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What auth-flow calls during sign-in (role {@code service}). Verification always answers 200 with
 * one outcome of a closed set; only {@code SUCCESS} verifies the factor.
 */
@Path("/internal/v1/users/{userId}/factors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("service")
@Tag(name = "Internal: sign-in")
@SecurityRequirement(name = "bearer")
public class InternalFactorResource {

    private final FactorService factors;
    private final Verifier verifier;
    private final PasswordChanges passwords;

    public InternalFactorResource(FactorService factors, Verifier verifier, PasswordChanges passwords) {
        this.factors = factors;
        this.verifier = verifier;
        this.passwords = passwords;
    }

    @POST
    @Path("/password/change")
    @Operation(summary = "Change a local user's password (auth-flow's change_password)",
            description = "Body: oldPassword, newPassword. Always 200 with {outcome, message} (the message never repeats a "
                    + "password): CHANGED (the Argon2id hash is replaced, the factor's version grows and factor.reset is "
                    + "published with status ACTIVE and reason 'password changed'); INVALID_OLD (wrong old password: counts "
                    + "towards the password factor's lockout); POLICY (the new password has fewer than 8 characters, equals the "
                    + "old one or contains the username); NOT_SUPPORTED (a directory user, whose password lives in the "
                    + "directory, or a user without a local password); LOCKED (the password factor is locked, or this failure "
                    + "locked it). 400 problem when a field is missing; 404 for an unknown user.")
    public Uni<PasswordChanges.Result> changePassword(@PathParam("userId") UUID userId,
                                                      @NotNull @Valid FactorRequests.ChangePassword request) {
        return passwords.change(userId, request.oldPassword(), request.newPassword());
    }

    @POST
    @Path("/password/decoy-verify")
    @Operation(summary = "The work of a password check, for a user who does not exist (S1)",
            description = "auth-flow calls this when a sign-in with a password names an unknown or refused user, so the "
                    + "answer takes as long as a real check: Argon2id with the default parameters against a hash nobody "
                    + "holds. Any userId; nothing is read or stored. Always 200 {outcome: INVALID}.")
    public Uni<java.util.Map<String, String>> decoyPassword(@PathParam("userId") String userId,
                                                            @Valid FactorRequests.DecoyPassword request) {
        return verifier.decoyPassword(request == null ? null : request.password())
                .map(outcome -> java.util.Map.of("outcome", outcome.name()));
    }

    /** The response header of {@link #list}: the version of the user's factor set the list was read at. */
    public static final String FACTORS_VERSION = "Sequent-Factors-Version";

    @GET
    @Operation(summary = "A user's factors",
            description = "status=ACTIVE lists only active enrollments (what a sign-in may offer); without it, pending ones too. "
                    + "Header " + FACTORS_VERSION + ": the version of the user's factor set, read in the same statement as "
                    + "the list (0 before the first change). Every factor.enrolled, factor.activated and factor.reset carries "
                    + "the version it made (factorsVersion) and the user's ACTIVE factors after it (factors), as this list "
                    + "with status=ACTIVE answers them: a copy kept from the events is current when its version is this "
                    + "one. 404 problem for a user factor-service does not know.")
    public Uni<RestResponse<List<FactorView>>> list(@PathParam("userId") UUID userId,
                                                    @QueryParam("status") @Pattern(regexp = "ACTIVE|PENDING_ACTIVATION",
                                                            message = "must be ACTIVE or PENDING_ACTIVATION") String status) {
        return factors.listing(userId, status == null ? null : FactorStatus.valueOf(status))
                .map(listing -> RestResponse.ResponseBuilder.ok(listing.factors().stream().map(FactorView::of).toList())
                        .header(FACTORS_VERSION, listing.factorsVersion()).build());
    }

    @POST
    @Path("/{factorId}/challenge")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Challenge an active factor",
            description = "sms, call, email: a new 6-digit code is published as notification.sms|voice|email (status SENT, "
                    + "expiresAt, masked destination); 429 problem (errorCode E0000109, Retry-After) within the resend cooldown; "
                    + "503 when the code cannot be handed to the broker. question: status READY with the question text. "
                    + "password, token:software:totp: status READY. push: status WAITING with challengeId and correctAnswer. "
                    + "webauthn: status CHALLENGE with the PublicKeyCredentialRequestOptions for navigator.credentials.get: challenge "
                    + "(base64url), allowCredentials ([{type: public-key, id: base64url credential id}]), rpId, userVerification, "
                    + "timeout (ms); the challenge is remembered for one verify until expiresAt. A locked factor: status LOCKED "
                    + "with lockedUntil.")
    public Uni<Verifier.Challenge> challenge(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId) {
        return verifier.challenge(userId, factorId);
    }

    @POST
    @Path("/{factorId}/verify")
    @Operation(summary = "Verify an active factor",
            description = "Body: passCode (token:software:totp, sms, call, email), answer (question), password (password), "
                    + "challengeId (push), or for webauthn the Okta end-user verify fields forwarded unchanged: clientData "
                    + "(clientDataJSON), authenticatorData and signatureData, base64url. A webauthn assertion is checked against "
                    + "the challenge (used once: a second verify is EXPIRED), the origins and rpId configured, user presence, the "
                    + "credential's signature and its signature counter (a counter that did not grow is INVALID). "
                    + "outcome is one of SUCCESS, INVALID, REPLAYED (TOTP code already accepted: Okta E0000082), EXPIRED (no live "
                    + "code: challenge again), LOCKED (with lockedUntil), PASSWORD_EXPIRED, MUST_CHANGE_PASSWORD, DISABLED, "
                    + "UNAVAILABLE (the directory could not be asked, or a question's stored hash names a key missing from the "
                    + "key ring; never a success). WAITING, REJECTED and TIMEOUT are "
                    + "reserved for push. 400 when the input the type needs is missing; 409 when the factor is not active.")
    public Uni<Verifier.Result> verify(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId,
                                       @NotNull @Valid FactorRequests.Verify request) {
        return verifier.verify(userId, factorId, request);
    }
}
