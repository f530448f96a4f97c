package io.sequent.directory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Changes to a local user; a null field keeps its value. */
public record UpdateUserRequest(
        @Email @Size(max = 320) String email,
        @Size(max = 128) String firstName,
        @Size(max = 128) String lastName,
        @Size(max = 256) String displayName,
        @Size(max = 64) String defaultOrgId,
        @Size(max = 100) List<CreateUserRequest.@NotNull @Valid Membership> memberships,
        @Size(max = 200) List<@NotBlank @Size(max = 256) String> groups) {
}
