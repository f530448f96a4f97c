package io.sequent.factor.api;

import io.sequent.factor.service.PushChallenges;
import io.sequent.factor.service.PushStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a push device (the phone app, or the {@code sequent-verify} command line) calls. No bearer
 * token: every request is signed with the P-256 key the device enrolled (ECDSA with SHA-256).
 */
@Path("/api/v1/devices/{factorId}/challenges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Push devices")
public class DeviceResource {

    private final PushChallenges push;

    public DeviceResource(PushChallenges push) {
        this.push = push;
    }

    @GET
    @Operation(summary = "The device's pending push challenges",
            description = "ts: the current Unix time in seconds (within 60 s of the service's); sig: base64 DER ECDSA-SHA256 "
                    + "signature of 'sequent-push-list|<factorId>|<ts>'. Each challenge offers three numbers; the user picks "
                    + "the one the sign-in screen shows.")
    public Uni<List<PushStore.Pending>> pending(@PathParam("factorId") UUID factorId,
                                                @QueryParam("ts") @NotNull Long ts,
                                                @QueryParam("sig") @NotBlank @Size(max = 256) String sig) {
        return push.pending(factorId, ts, sig);
    }

    @POST
    @Path("/{challengeId}")
    @Operation(summary = "Answer a push challenge",
            description = "signature: base64 DER ECDSA-SHA256 of 'sequent-push-answer|<challengeId>|<APPROVE or REJECT>|<number>'. "
                    + "403 for a bad signature, 404 for an unknown challenge, 409 when answered already or expired.")
    public Uni<Response> answer(@PathParam("factorId") UUID factorId, @PathParam("challengeId") UUID challengeId,
                                @NotNull @Valid FactorRequests.DeviceAnswer answer) {
        return push.answer(factorId, challengeId.toString(), answer.decision(), answer.number(), answer.signature())
                .map(v -> Response.noContent().build());
    }
}
