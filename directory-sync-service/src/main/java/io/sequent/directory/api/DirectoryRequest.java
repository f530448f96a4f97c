package io.sequent.directory.api;

import io.sequent.directory.domain.UserMapping;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A directory to create or replace. {@code bindPassword} is write-only; on replace, null keeps the stored one. */
public record DirectoryRequest(
        @NotBlank @Size(max = 128) String name,
        @NotBlank @Size(max = 512) @Pattern(regexp = "(?i)ldaps?://[A-Za-z0-9.\\-\\[\\]:]+(:\\d{1,5})?/?",
                message = "must be ldap://host[:port] or ldaps://host[:port]") String url,
        @NotBlank @Size(max = 1024) String bindDn,
        @Size(min = 1, max = 1024) String bindPassword,
        @NotBlank @Size(max = 1024) String baseDn,
        @Size(max = 4096) String userFilter,
        @Size(max = 50) List<@NotBlank @Size(max = 1024) String> scopeOus,
        @Min(100) @Max(60_000) Integer connectTimeoutMs,
        @Min(100) @Max(300_000) Integer responseTimeoutMs,
        @Min(1) @Max(64) Integer poolSize,
        @Valid Mapping mapping,
        @Valid Schedule schedule,
        @Valid Tls tls) {

    public static final String AD_USER_FILTER = "(&(objectCategory=person)(objectClass=user))";

    public record Mapping(
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9\\-]{0,63}") String usernameAttribute,
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9\\-]{0,63}") String firstNameAttribute,
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9\\-]{0,63}") String lastNameAttribute,
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9\\-]{0,63}") String displayNameAttribute,
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9\\-]{0,63}") String emailAttribute,
            UserMapping.OrgSource orgSource,
            @Pattern(regexp = "[A-Za-z][A-Za-z0-9\\-]{0,63}") String orgAttribute,
            @Size(max = 64) String fixedOrgId,
            @Size(max = 200) Map<@NotBlank String, @NotBlank @Size(max = 64) String> orgAliases,
            @Size(max = 500) List<@Valid GroupRole> groupRoles,
            @Schema(description = "membership through nested groups counts for groupRoles (AD's LDAP_MATCHING_RULE_IN_CHAIN); default false")
            Boolean nestedGroups) {
    }

    /**
     * TLS towards the directory: {@code caCertificate} (PEM, one or more certificates) is what ldaps:// and StartTLS
     * trust instead of the JVM's trust store; {@code startTls} upgrades an ldap:// URL before binding;
     * {@code verifyHostname} (default true) requires the server's certificate to name the URL's host.
     */
    @Schema(description = "TLS towards the directory (all optional)")
    public record Tls(
            @Schema(description = "PEM, one or more X.509 certificates: what ldaps:// and StartTLS trust instead of the JVM's trust store")
            @Size(max = 65_536) String caCertificate,
            @Schema(description = "upgrade an ldap:// URL with StartTLS before binding (default false)") Boolean startTls,
            @Schema(description = "the server's certificate must name the URL's host (default true)") Boolean verifyHostname) {
    }

    public record GroupRole(@NotBlank @Size(max = 1024) String group, @NotBlank @Size(max = 128) String role,
                            @Size(max = 64) String orgId) {
    }

    public record Schedule(
            @Min(1) @Max(86_400) Integer incrementalIntervalSeconds,
            @Min(60) @Max(604_800) Integer fullIntervalSeconds,
            Boolean enabled,
            Boolean liveStatusEnabled,
            @Pattern(regexp = "LAST_IMPORTED|REFUSE") String whenUnreachable) {
    }
}
