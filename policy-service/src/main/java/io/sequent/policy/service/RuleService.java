package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import io.sequent.policy.api.ProblemException;
import io.sequent.policy.api.Requests.RuleRequest;
import io.sequent.policy.api.Views.RuleView;
import io.sequent.policy.domain.EnrollmentCoverage;
import io.sequent.policy.domain.Ordering;
import io.sequent.policy.domain.RuleValidator;
import io.sequent.policy.domain.Warning;
import io.sequent.policy.persistence.EnrollmentPolicyEntity;
import io.sequent.policy.persistence.SignOnPolicyEntity;
import io.sequent.policy.persistence.SignOnRuleEntity;
import io.sequent.policy.persistence.SignOnRuleRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The ordered rules of a sign-on policy (S3, S4, S5, S11). */
@ApplicationScoped
public class RuleService {

    static final Priorities.Access<SignOnRuleEntity> ORDER = new Priorities.Access<>() {
        public String id(SignOnRuleEntity e) {
            return e.id;
        }

        public int priority(SignOnRuleEntity e) {
            return e.priority;
        }

        public void set(SignOnRuleEntity e, int priority) {
            e.priority = priority;
            e.version++;
        }
    };

    private final SignOnRuleRepository rules;
    private final PolicyChanges changes;

    public RuleService(SignOnRuleRepository rules, PolicyChanges changes) {
        this.rules = rules;
        this.changes = changes;
    }

    @WithSession
    public Uni<List<RuleView>> list(String policyId) {
        return changes.load().map(config -> {
            SignOnPolicyService.found(config.policy(policyId).orElse(null), policyId);
            return config.rulesOf(policyId).stream().map(r -> Mapping.rule(r, List.of())).toList();
        });
    }

    @WithSession
    public Uni<RuleView> get(String policyId, String ruleId) {
        return rules.findById(ruleId).map(r -> Mapping.rule(found(r, policyId, ruleId), List.of()));
    }

    @WithTransaction
    public Uni<Written<RuleView>> create(String actor, String policyId, RuleRequest request) {
        return changes.lockAndLoad().chain(config -> {
            SignOnPolicyEntity policy = SignOnPolicyService.found(config.policy(policyId).orElse(null), policyId);
            List<SignOnRuleEntity> siblings = config.rulesOf(policyId);
            SignOnRuleEntity r = new SignOnRuleEntity();
            r.id = UUID.randomUUID().toString();
            r.policyId = policyId;
            r.priority = Integer.MAX_VALUE;
            apply(r, request, policy, config);
            List<SignOnRuleEntity> all = new ArrayList<>(siblings);
            all.add(r);
            Priorities.apply(all, Ordering.place(Priorities.currentOrder(siblings, ORDER), r.id, request.priority()), ORDER);
            r.version = 1;
            List<Warning> warnings = warnings(policy, r, config);
            return rules.persist(r)
                    .chain(() -> changes.commit(actor, "rule.create", "rule", r.id, null, Mapping.rule(r, List.of())))
                    .map(v -> new Written<>(Mapping.rule(r, warnings), r.version, v));
        });
    }

    @WithTransaction
    public Uni<Written<RuleView>> update(String actor, String policyId, String ruleId, String ifMatch, RuleRequest request) {
        return changes.lockAndLoad().chain(config -> {
            SignOnPolicyEntity policy = SignOnPolicyService.found(config.policy(policyId).orElse(null), policyId);
            List<SignOnRuleEntity> siblings = config.rulesOf(policyId);
            SignOnRuleEntity r = found(siblings.stream().filter(e -> e.id.equals(ruleId)).findFirst().orElse(null),
                    policyId, ruleId);
            Checks.ifMatch(ifMatch, r.version, "rule " + ruleId);
            RuleView before = Mapping.rule(r, List.of());
            apply(r, request, policy, config);
            r.version++;
            if (request.priority() != null) {
                Priorities.apply(siblings, Ordering.place(Priorities.currentOrder(siblings, ORDER), ruleId,
                        request.priority()), ORDER);
            }
            List<Warning> warnings = warnings(policy, r, config);
            return changes.commit(actor, "rule.update", "rule", ruleId, before, Mapping.rule(r, List.of()))
                    .map(v -> new Written<>(Mapping.rule(r, warnings), r.version, v));
        });
    }

    @WithTransaction
    public Uni<Long> delete(String actor, String policyId, String ruleId, String ifMatch) {
        return changes.lockAndLoad().chain(config -> {
            SignOnPolicyService.found(config.policy(policyId).orElse(null), policyId);
            List<SignOnRuleEntity> siblings = config.rulesOf(policyId);
            SignOnRuleEntity r = found(siblings.stream().filter(e -> e.id.equals(ruleId)).findFirst().orElse(null),
                    policyId, ruleId);
            Checks.ifMatch(ifMatch, r.version, "rule " + ruleId);
            RuleView before = Mapping.rule(r, List.of());
            List<SignOnRuleEntity> rest = siblings.stream().filter(e -> e != r).toList();
            Priorities.apply(rest, Priorities.currentOrder(rest, ORDER), ORDER);
            return rules.delete(r).chain(() -> changes.commit(actor, "rule.delete", "rule", ruleId, before, null));
        });
    }

    @WithTransaction
    public Uni<Written<List<RuleView>>> reorder(String actor, String policyId, List<String> ids) {
        return changes.lockAndLoad().chain(config -> {
            SignOnPolicyService.found(config.policy(policyId).orElse(null), policyId);
            List<SignOnRuleEntity> siblings = config.rulesOf(policyId);
            Priorities.checkPermutation(siblings, ids, ORDER);
            List<String> before = Priorities.currentOrder(siblings, ORDER);
            Priorities.apply(siblings, ids, ORDER);
            List<RuleView> views = siblings.stream().sorted(Comparator.comparingInt(e -> e.priority))
                    .map(e -> Mapping.rule(e, List.of())).toList();
            return changes.commit(actor, "rule.reorder", "policy", policyId, before, ids)
                    .map(v -> new Written<>(views, 0, v));
        });
    }

    private static void apply(SignOnRuleEntity r, RuleRequest request, SignOnPolicyEntity policy, ConfigState config) {
        RuleConditions conditions = request.conditions() == null ? RuleConditions.ANY : request.conditions().toConditions();
        var actions = request.actions().toActions();
        Checks.valid(RuleValidator.validate(policy.type, conditions, actions, config.activeFactorTypes(), config.orgIds()));
        r.name = request.name();
        r.conditions = conditions;
        r.actions = actions;
    }

    private static List<Warning> warnings(SignOnPolicyEntity policy, SignOnRuleEntity rule, ConfigState config) {
        List<EnrollmentPolicy> enrollment = config.enrollmentPolicies().stream().map(EnrollmentPolicyEntity::toPolicy).toList();
        return EnrollmentCoverage.check(policy.toPolicy(List.of()), rule.toRule(), enrollment).stream().toList();
    }

    private static SignOnRuleEntity found(SignOnRuleEntity r, String policyId, String ruleId) {
        if (r == null || !r.policyId.equals(policyId)) {
            throw ProblemException.notFound("rule '" + ruleId + "' of policy '" + policyId + "'");
        }
        return r;
    }
}
