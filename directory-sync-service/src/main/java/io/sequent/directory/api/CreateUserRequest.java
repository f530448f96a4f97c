package io.sequent.directory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A local user (source LOCAL) to create. */
public record CreateUserRequest(
        @NotBlank @Size(max = 256) @Pattern(regexp = "[\\p{L}\\p{N}._@+\\-]+", message = "may hold letters, digits and . _ @ + - only")
        String username,
        @Email @Size(max = 320) String email,
        @Size(max = 128) String firstName,
        @Size(max = 128) String lastName,
        @Size(max = 256) String displayName,
        @Size(max = 64) String defaultOrgId,
        @Size(max = 100) List<@NotNull @Valid Membership> memberships,
        @Size(max = 200) List<@NotBlank @Size(max = 256) String> groups) {

    /** Membership of one org with the roles held there. */
    public record Membership(@NotBlank @Size(max = 64) String orgId,
                             @Size(max = 50) List<@NotBlank @Size(max = 128) String> roles) {
    }
}
