package io.sequent.directory.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Disables or re-enables a local user. */
public record StatusRequest(@NotNull @Pattern(regexp = "ACTIVE|DISABLED", message = "must be ACTIVE or DISABLED") String status) {
}
