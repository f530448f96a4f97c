package io.sequent.policy.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the console's sign-in needs before anyone is signed in: public, and nothing secret in it. */
@Path("/console/config.json")
@Tag(name = "Admin console")
public class ConsoleConfigResource {

    /** The console's settings: the issuer to sign in at and the public client id it signs in as. */
    public record ConsoleConfig(String issuer, String clientId) {
    }

    private final ConsoleSettings settings;

    public ConsoleConfigResource(ConsoleSettings settings) {
        this.settings = settings;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The admin console's sign-in settings (issuer, public client id); no authentication")
    public Response get() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new ConsoleConfig(settings.issuer(), settings.clientId())).cacheControl(noStore).build();
    }
}
