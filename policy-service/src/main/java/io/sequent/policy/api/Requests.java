package io.sequent.policy.api;

import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** The admin API's request bodies. Field checks here; rules that need the stored configuration in the service. */
public final class Requests {

    /** Ids an admin may choose: the ones directory-sync maps OUs to, for example {@code acme}. */
    public static final String ID = "[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}";
    static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    private Requests() {
    }

    /** Environment MFA (S7, seed 001 "Settings > Environment > Multi-factor auth"). */
    public record EnvironmentMfaRequest(@NotNull MfaMode mode, @Size(max = 8) List<@NotBlank String> methods) {
    }

    public record OrgRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String id,
                             @NotBlank @Size(max = 64) @Pattern(regexp = ID, message = ID_MESSAGE) String code,
                             @NotBlank @Size(max = 256) String name) {
    }

    /** An org's MFA (S8); {@code methods} null or absent means the environment's. */
    public record OrgMfaRequest(@NotNull Boolean enforced,
                                @Size(max = 8) List<@NotBlank String> methods,
                                @Size(max = 100) List<@NotBlank @Size(max = 128) String> exemptRoles,
                                @Size(max = 100) List<@NotBlank @Size(max = 64) String> exemptConnections,
                                Boolean enforcePasswordExpiryWithoutPassword) {
        public OrgMfa toMfa() {
            return new OrgMfa(enforced, methods, distinct(exemptRoles), distinct(exemptConnections),
                    Boolean.TRUE.equals(enforcePasswordExpiryWithoutPassword));
        }
    }

    public record ConnectionRequest(@Pattern(regexp = ID, message = ID_MESSAGE) String id,
                                    @NotBlank @Size(max = 256) String name,
                                    @NotNull ConnectionKind kind,
                                    @Size(max = 64) String orgId,
                                    @Size(max = 512) String issuer,
                                    @Size(max = 2048) String jwksUrl,
                                    @Size(max = 512) String audience) {
    }

    public record EnrollmentPolicyRequest(@NotBlank @Size(max = 256) String name,
                                          @Min(1) @Max(10_000) Integer priority,
                                          @Size(max = 100) List<@NotBlank @Size(max = 256) String> groups,
                                          @Size(max = 100) List<@NotBlank @Size(max = 64) String> orgs,
                                          @NotNull @Size(max = 16) Map<@NotBlank String, @NotNull Enrollment> factors) {
    }

    public record SignOnPolicyRequest(@NotBlank @Size(max = 256) String name,
                                      @NotNull PolicyType type,
                                      @Size(max = 256) String appId,
                                      @Min(1) @Max(10_000) Integer priority,
                                      @Size(max = 100) List<@NotBlank @Size(max = 256) String> groups) {
    }

    public record RuleRequest(@NotBlank @Size(max = 256) String name,
                              @Min(1) @Max(10_000) Integer priority,
                              @Valid Conditions conditions,
                              @NotNull @Valid Actions actions) {
    }

    /** Who a rule applies to; an empty or absent list matches everyone (S3). */
    public record Conditions(@Size(max = 100) List<@NotBlank @Size(max = 256) String> groupsInclude,
                             @Size(max = 100) List<@NotBlank @Size(max = 256) String> groupsExclude,
                             @Size(max = 100) List<@NotBlank @Size(max = 128) String> rolesInclude,
                             @Size(max = 100) List<@NotBlank @Size(max = 128) String> rolesExclude,
                             @Size(max = 100) List<@NotBlank @Size(max = 64) String> orgs,
                             @Size(max = 5) List<@NotNull ConnectionKindOrPassword> connections,
                             @Size(max = 100) List<@NotBlank @Size(max = 64) String> ipCidrs) {
        public RuleConditions toConditions() {
            return new RuleConditions(groupsInclude, groupsExclude, rolesInclude, rolesExclude, orgs,
                    connections == null ? null : connections.stream().distinct().toList(), ipCidrs);
        }
    }

    /** What a matching rule does (S3, S4); chain length and content are checked against the factor types. */
    public record Actions(@NotNull Access access,
                          PrimaryAuth primary,
                          @Size(max = 20) List<@NotNull @Size(max = 20) List<@NotBlank String>> chains,
                          Boolean mfaRequired,
                          @Size(max = 8) List<@NotBlank String> mfaMethods,
                          Long sessionLifetimeSeconds) {
        public static final long DEFAULT_SESSION_SECONDS = 7200;

        public RuleActions toActions() {
            return new RuleActions(access, primary, chains, Boolean.TRUE.equals(mfaRequired), mfaMethods,
                    sessionLifetimeSeconds == null ? DEFAULT_SESSION_SECONDS : sessionLifetimeSeconds);
        }
    }

    /** A new order: every id of the ordered collection, first first. */
    public record OrderRequest(@NotNull @Size(max = 1000) List<@NotBlank String> ids) {
    }

    public static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().distinct().toList();
    }
}
