package io.sequent.directory.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** A delegated password check. The password is never logged or stored. */
public record AuthenticateRequest(@NotNull UUID userId, @NotNull @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "AuthenticateRequest[userId=" + userId + "]";
    }
}
