package io.sequent.directory.config;

import io.sequent.directory.domain.SecretBox;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The keys that seal directory bind secrets: {@code sequent.directory.secret-keys} is a comma-separated
 * list of {@code keyId:base64(32 bytes)}, {@code sequent.directory.secret-key-id} the one new secrets use.
 * Without keys the service still starts (users, events), but directories cannot be saved (503).
 */
public class SecretBoxProducer {

    /** Holder so that a missing key is a clear refusal at use, not a failed start. */
    public record Keys(Optional<SecretBox> box) {
    }

    @Produces
    @Singleton
    Keys keys(@ConfigProperty(name = "sequent.directory.secret-keys") Optional<String> keys,
              @ConfigProperty(name = "sequent.directory.secret-key-id") Optional<String> active) {
        if (keys.isEmpty() || keys.get().isBlank() || active.isEmpty()) {
            return new Keys(Optional.empty());
        }
        Map<String, byte[]> parsed = new HashMap<>();
        for (String part : keys.get().split(",")) {
            String[] idAndKey = part.trim().split(":", 2);
            if (idAndKey.length != 2) {
                throw new IllegalArgumentException("sequent.directory.secret-keys must be keyId:base64 pairs");
            }
            parsed.put(idAndKey[0].trim(), Base64.getDecoder().decode(idAndKey[1].trim()));
        }
        return new Keys(Optional.of(new SecretBox(parsed, active.get().trim())));
    }
}
