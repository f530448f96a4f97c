package io.sequent.factor.api;

import io.sequent.factor.config.FactorSettings;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.domain.Questions;
import io.sequent.factor.domain.VerifyOutcome;
import io.sequent.factor.service.Enrollment;
import io.sequent.factor.service.FactorService;
import io.sequent.factor.service.LockoutStore;
import io.sequent.factor.service.PushActivations;
import io.sequent.factor.service.CodeSender;
import io.sequent.factor.service.Verifier;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Okta's Factors API for admins (role {@code admin}) and for users managing their own factors
 * (their token's subject is the user id).
 */
@Path("/api/v1/users/{userId}/factors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Factors")
@SecurityRequirement(name = "bearer")
public class FactorResource {

    private final Access access;
    private final Enrollment enrollment;
    private final FactorService factors;
    private final Verifier verifier;
    private final CodeSender codes;
    private final LockoutStore lockout;
    private final PushActivations pushActivations;
    private final FactorSettings settings;

    public FactorResource(Access access, Enrollment enrollment, FactorService factors, Verifier verifier, CodeSender codes,
                          LockoutStore lockout, PushActivations pushActivations, FactorSettings settings) {
        this.access = access;
        this.enrollment = enrollment;
        this.factors = factors;
        this.verifier = verifier;
        this.codes = codes;
        this.lockout = lockout;
        this.pushActivations = pushActivations;
        this.settings = settings;
    }

    @GET
    @Operation(summary = "List a user's enrolled factors (pending and active)")
    public Uni<List<FactorView>> list(@PathParam("userId") UUID userId) {
        access.requireAdminOrSelf(userId);
        return factors.list(userId, null).map(all -> all.stream().map(FactorView::of).toList());
    }

    @GET
    @Path("/questions")
    @Operation(summary = "The security questions a question factor may use")
    public List<Map<String, String>> questions(@PathParam("userId") UUID userId) {
        access.requireAdminOrSelf(userId);
        return Questions.catalogue().entrySet().stream()
                .map(e -> Map.of("question", e.getKey(), "questionText", e.getValue())).toList();
    }

    @POST
    @Operation(summary = "Enroll a factor",
            description = "password, question: ACTIVE at once. token:software:totp: PENDING_ACTIVATION, with _embedded.activation "
                    + "(base32 seed, otpauth URI, QR code PNG) shown only in this response. sms, call, email: PENDING_ACTIVATION, "
                    + "a code is published as notification.sms|voice|email. push with profile.publicKey: ACTIVE at once; without it: "
                    + "PENDING_ACTIVATION, with _embedded.activation {expiresAt, activationUri (sequent-push://activate?url=..&factor=.."
                    + "&token=..), qrcode (PNG data URI of activationUri)}, the token shown only in this response, for the device to "
                    + "POST /api/v1/devices/activate. An existing pending enrollment of the type is replaced; "
                    + "an active one is a 409. Publishes factor.enrolled (and factor.activated).")
    @APIResponse(responseCode = "200", description = "the new factor; ETag: its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactorView.class)))
    public Uni<Response> enroll(@PathParam("userId") UUID userId, @NotNull @Valid FactorRequests.Enroll request) {
        access.requireAdminOrSelf(userId);
        return enrollment.enroll(userId, request).map(e -> {
            FactorView view;
            if (e.webauthnOptions() != null) {
                view = FactorView.withWebAuthnOptions(e.factor(), e.webauthnOptions());
            } else if (e.pushActivation() != null) {
                view = FactorView.withPushActivation(e.factor(), e.pushActivation());
            } else {
                view = e.totpSecret() == null ? FactorView.of(e.factor())
                        : FactorView.withActivation(e.factor(), e.totpSecret(), settings.totp().issuer(), e.account());
            }
            return tagged(view, e.factor().version);
        });
    }

    @GET
    @Path("/{factorId}")
    @Operation(summary = "Read one factor", description = "ETag: the factor's version, for If-Match on activate, reset and unlock.")
    @APIResponse(responseCode = "200", description = "the factor; ETag: its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactorView.class)))
    public Uni<Response> get(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId) {
        access.requireAdminOrSelf(userId);
        return factors.get(userId, factorId).map(f -> tagged(FactorView.of(f), f.version));
    }

    @POST
    @Path("/{factorId}/lifecycle/activate")
    @Operation(summary = "Activate a pending totp, sms, call, email or webauthn factor",
            description = "totp, sms, call, email: passCode. webauthn: attestation and clientData, the attestationObject "
                    + "and clientDataJSON that navigator.credentials.create returned for the enroll response's options, base64url; "
                    + "the registration is verified (challenge, origin, rpId, type, user presence, attestation signature) and the "
                    + "credential stored; with sequent.webauthn.attestation-trust=trusted the attestation's certificate path must "
                    + "chain to a configured trust anchor. 403 with errorCode E0000068 for a wrong or expired code or a refused "
                    + "attestation (untrusted, or an authenticator model not in the allowed AAGUIDs), "
                    + "E0000082 for a TOTP code already used, E0000069 when the factor is locked. If-Match (optional): the "
                    + "factor's ETag; 412 problem when it changed. Publishes factor.activated.")
    @APIResponse(responseCode = "200", description = "the active factor; ETag: its new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FactorView.class)))
    public Uni<Response> activate(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId,
                                  @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                  @NotNull @Valid FactorRequests.Activate request) {
        access.requireAdminOrSelf(userId);
        return factors.get(userId, factorId)
                .invoke(f -> ProblemException.requireMatch(ifMatch, f.version, "factor " + factorId))
                .chain(() -> verifier.activate(userId, factorId, request)).chain(result -> {
                    refuseUnlessSuccess(result);
                    return factors.get(userId, factorId).map(f -> tagged(FactorView.of(f), f.version));
                });
    }

    @GET
    @Path("/{factorId}/lifecycle/activate/poll")
    @Operation(summary = "Whether the device has activated a pending push factor",
            description = "factorResult SUCCESS once the factor is ACTIVE; WAITING with expiresAt while it is pending and its "
                    + "activation is live; TIMEOUT when it is pending and the activation expired (enroll again for a new one). "
                    + "400 problem for a factor that is not push.")
    @APIResponse(responseCode = "200", description = "{factorResult: SUCCESS | WAITING | TIMEOUT, expiresAt (WAITING only)}")
    public Uni<Map<String, Object>> pollActivation(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId) {
        access.requireAdminOrSelf(userId);
        return factors.get(userId, factorId).chain(f -> {
            if (f.factorType != FactorType.PUSH) {
                throw ProblemException.badRequest("only a push factor is activated by its device; this is a "
                        + f.factorType.wireName() + " factor");
            }
            if (f.status == FactorStatus.ACTIVE) {
                return Uni.createFrom().item(Map.<String, Object>of("factorResult", "SUCCESS"));
            }
            return pushActivations.expiresAt(factorId).map(expires -> expires
                    .map(at -> Map.<String, Object>of("factorResult", "WAITING", "expiresAt", at))
                    .orElseGet(() -> Map.of("factorResult", "TIMEOUT")));
        });
    }

    @POST
    @Path("/{factorId}/resend")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send a new code for an sms, call or email factor", description = "429 with E0000109 within the resend cooldown.")
    public Uni<Map<String, Object>> resend(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId) {
        access.requireAdminOrSelf(userId);
        return factors.get(userId, factorId).chain(f -> {
            if (!f.factorType.sendsCode()) {
                throw ProblemException.conflict("a " + f.factorType.wireName() + " factor has no code to resend");
            }
            return codes.send(f).map(expires -> Map.<String, Object>of("factorResult", "CHALLENGE", "expiresAt", expires));
        });
    }

    @POST
    @Path("/{factorId}/verify")
    @Operation(summary = "Verify an active factor",
            description = "With no passCode, an sms, call or email factor is sent a code (factorResult CHALLENGE). A webauthn factor "
                    + "without clientData is challenged: _embedded.challenge holds the PublicKeyCredentialRequestOptions; verify "
                    + "then with clientData, authenticatorData and signatureData (base64url). Failures are "
                    + "403 problems with Okta's errorCode: E0000068 wrong, E0000082 TOTP code reused, E0000069 locked.")
    public Uni<Map<String, Object>> verify(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId,
                                           @Valid FactorRequests.Verify request) {
        access.requireAdminOrSelf(userId);
        FactorRequests.Verify body = request == null ? FactorRequests.Verify.NONE : request;
        return factors.get(userId, factorId).chain(f -> {
            if (f.factorType.sendsCode() && (body.passCode() == null || body.passCode().isEmpty())) {
                return verifier.challenge(userId, factorId).map(c -> Map.<String, Object>of("factorResult", "CHALLENGE",
                        "expiresAt", c.expiresAt() == null ? "" : c.expiresAt().toString()));
            }
            if (f.factorType == FactorType.WEBAUTHN && !body.hasAssertion()) {
                return verifier.challenge(userId, factorId).map(FactorResource::webauthnChallenge);
            }
            return verifier.verify(userId, factorId, body).map(result -> {
                refuseUnlessSuccess(result);
                return Map.<String, Object>of("factorResult", "SUCCESS");
            });
        });
    }

    @DELETE
    @Path("/{factorId}")
    @Operation(summary = "Reset (delete) a factor", description = "The factor becomes INACTIVE and its secret is wiped. "
            + "If-Match (optional): the factor's ETag; 412 problem when it changed since. Publishes factor.reset.")
    public Uni<Response> reset(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        access.requireAdminOrSelf(userId);
        return factors.reset(userId, factorId, ifMatch).call(f -> lockout.unlock(userId, factorId))
                .map(f -> Response.noContent().build());
    }

    @POST
    @Path("/{factorId}/lifecycle/unlock")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Unlock a factor locked after too many failures (admins only)",
            description = "If-Match (optional): the factor's ETag; 412 problem when it changed since. The lock lives in Redis, "
                    + "so an unlock does not change the version.")
    public Uni<Response> unlock(@PathParam("userId") UUID userId, @PathParam("factorId") UUID factorId,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        if (!access.isAdmin()) {
            throw ProblemException.forbidden("only an admin may unlock a factor");
        }
        return factors.get(userId, factorId)
                .invoke(f -> ProblemException.requireMatch(ifMatch, f.version, "factor " + factorId))
                .chain(f -> lockout.unlock(userId, factorId))
                .map(v -> Response.noContent().build());
    }

    private static Response tagged(FactorView view, long version) {
        return Response.ok(view).tag(new EntityTag(Long.toString(version))).build();
    }

    private static Map<String, Object> webauthnChallenge(Verifier.Challenge c) {
        if (c.challenge() == null) {
            refuseUnlessSuccess(new Verifier.Result(c.factorId(), c.factorType(), VerifyOutcome.LOCKED, c.lockedUntil()));
        }
        return Map.of("factorResult", "CHALLENGE", "expiresAt", c.expiresAt().toString(), "_embedded", Map.of("challenge",
                Map.of("challenge", c.challenge(), "rpId", c.rpId(), "allowCredentials", c.allowCredentials(),
                        "userVerification", c.userVerification(), "timeout", c.timeout())));
    }

    static void refuseUnlessSuccess(Verifier.Result result) {
        VerifyOutcome outcome = result.outcome();
        switch (outcome) {
            case SUCCESS -> {
            }
            case REPLAYED -> throw new ProblemException(403, "Forbidden",
                    "each code can only be used once; wait for a new code and try again", "E0000082", null);
            case LOCKED -> throw new ProblemException(403, "Forbidden",
                    "the factor is locked after too many failed attempts until " + result.lockedUntil(), "E0000069", null);
            case EXPIRED -> throw new ProblemException(403, "Forbidden",
                    "the code expired or was used up; ask for a new one", "E0000068", null);
            case UNAVAILABLE -> throw new ProblemException(503, "Service Unavailable",
                    "the factor cannot be checked right now; try again shortly", null, null);
            case DISABLED -> throw new ProblemException(403, "Forbidden", "the account cannot sign in", "E0000004", null);
            case PASSWORD_EXPIRED, MUST_CHANGE_PASSWORD -> throw new ProblemException(403, "Forbidden",
                    "the password has expired and must be changed", "E0000080", null);
            default -> throw new ProblemException(403, "Forbidden", "invalid passcode or answer", "E0000068", null);
        }
    }
}
