package io.sequent.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.policy.domain.Warning;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin API's response bodies. {@code version} is what the resource's ETag carries. */
public final class Views {

    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record EnvironmentMfaView(MfaMode mode, @JsonInclude(JsonInclude.Include.ALWAYS) List<String> methods, long version, List<Warning> warnings) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record OrgMfaView(boolean enforced,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<String> methods,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<String> exemptRoles,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<String> exemptConnections,
                             boolean enforcePasswordExpiryWithoutPassword, long version, List<Warning> warnings) {
    }

    public record OrgView(String id, String code, String name, OrgMfaView mfa, long version) {
    }

    public record ConnectionView(String id, String name, ConnectionKind kind, String orgId, String issuer,
                                 String jwksUrl, String audience, long version) {
    }

    public record FactorTypeView(String type, String status, long version) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record EnrollmentPolicyView(String id, String name, int priority,
                                       @JsonInclude(JsonInclude.Include.ALWAYS) List<String> groups,
                                       @JsonInclude(JsonInclude.Include.ALWAYS) List<String> orgs,
                                       @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Enrollment> factors,
                                       long version, List<Warning> warnings) {
    }

    public record SignOnPolicyView(String id, String name, PolicyType type, String appId, int priority,
                                   List<String> groups, List<RuleView> rules, long version) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record RuleView(String id, String policyId, String name, int priority, RuleConditions conditions,
                           RuleActions actions, long version, List<Warning> warnings) {
    }

    public record AuditEntryView(long id, Instant at, String actor, String action, String targetType, String targetId,
                                 JsonNode before, JsonNode after, long snapshotVersion) {
    }
}
