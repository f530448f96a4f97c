package io.sequent.factor.api;

import io.sequent.factor.service.PushActivations;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where a push device activates the factor it was given an activation URI for (a push factor enrolled without a key).
 * No bearer token: the one-time token of the URI stands for the user, and the device signs the request with the key it
 * sends, proving that it holds the private half.
 */
@Path("/api/v1/devices/activate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Push devices")
public class DeviceActivationResource {

    /** The activated factor: {@code {"factorId": "...", "status": "ACTIVE"}}. */
    public record Activated(String factorId, String status) {
    }

    private final PushActivations activations;

    public DeviceActivationResource(PushActivations activations) {
        this.activations = activations;
    }

    @POST
    @Operation(summary = "Activate a pending push factor from the device",
            description = "factorId and token: from the enroll answer's activationUri (sequent-push://activate?url=..&factor=..&token=..). "
                    + "publicKey: the device's new P-256 key, X.509 SubjectPublicKeyInfo, base64. deviceName (optional): replaces "
                    + "the name given at enrollment. signature: base64 DER ECDSA-SHA256 with that key over "
                    + "'sequent-push-activate|<factorId>|<token>'. 404 'no such activation' for an unknown factor, an expired "
                    + "activation or a wrong token; 400 for a malformed key; 403 when the signature does not verify; 409 when the "
                    + "factor is no longer pending. Publishes factor.activated; the token cannot be used again.")
    @APIResponse(responseCode = "200", description = "the factor is active with the device's key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Activated.class)))
    public Uni<Activated> activate(@NotNull @Valid FactorRequests.DeviceActivate request) {
        return activations.activate(request.factorId(), request.token(), request.publicKey(), request.deviceName(), request.signature())
                .map(f -> new Activated(f.id.toString(), f.status.name()));
    }
}
