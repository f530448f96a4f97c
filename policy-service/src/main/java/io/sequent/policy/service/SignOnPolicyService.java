package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.policy.api.ProblemException;
import io.sequent.policy.api.Requests;
import io.sequent.policy.api.Requests.SignOnPolicyRequest;
import io.sequent.policy.api.Views.SignOnPolicyView;
import io.sequent.policy.domain.Ordering;
import io.sequent.policy.domain.Violation;
import io.sequent.policy.persistence.SignOnPolicyEntity;
import io.sequent.policy.persistence.SignOnPolicyRepository;
import io.sequent.policy.persistence.SignOnRuleRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** Sign-on policies (S3): ORG or APP, by priority. Their rules are {@link RuleService}'s. */
@ApplicationScoped
public class SignOnPolicyService {

    static final Priorities.Access<SignOnPolicyEntity> ORDER = new Priorities.Access<>() {
        public String id(SignOnPolicyEntity e) {
            return e.id;
        }

        public int priority(SignOnPolicyEntity e) {
            return e.priority;
        }

        public void set(SignOnPolicyEntity e, int priority) {
            e.priority = priority;
            e.version++;
        }
    };

    private final SignOnPolicyRepository policies;
    private final SignOnRuleRepository rules;
    private final PolicyChanges changes;

    public SignOnPolicyService(SignOnPolicyRepository policies, SignOnRuleRepository rules, PolicyChanges changes) {
        this.policies = policies;
        this.rules = rules;
        this.changes = changes;
    }

    @WithSession
    public Uni<List<SignOnPolicyView>> list() {
        return changes.load().map(config -> config.policies().stream()
                .map(p -> Mapping.policy(p, config.rulesOf(p.id))).toList());
    }

    @WithSession
    public Uni<SignOnPolicyView> get(String id) {
        return policies.findById(id).chain(p -> rules.ofPolicy(found(p, id).id).map(r -> Mapping.policy(p, r)));
    }

    @WithTransaction
    public Uni<Written<SignOnPolicyView>> create(String actor, SignOnPolicyRequest request) {
        return changes.lockAndLoad().chain(config -> {
            validate(request);
            SignOnPolicyEntity p = new SignOnPolicyEntity();
            p.id = UUID.randomUUID().toString();
            p.priority = Integer.MAX_VALUE;
            apply(p, request);
            List<SignOnPolicyEntity> all = new ArrayList<>(config.policies());
            all.add(p);
            Priorities.apply(all, Ordering.place(Priorities.currentOrder(config.policies(), ORDER), p.id,
                    request.priority()), ORDER);
            p.version = 1;
            return policies.persist(p)
                    .chain(() -> changes.commit(actor, "policy.create", "policy", p.id, null, Mapping.policy(p, List.of())))
                    .map(v -> new Written<>(Mapping.policy(p, List.of()), p.version, v));
        });
    }

    @WithTransaction
    public Uni<Written<SignOnPolicyView>> update(String actor, String id, String ifMatch, SignOnPolicyRequest request) {
        return changes.lockAndLoad().chain(config -> {
            SignOnPolicyEntity p = found(config.policy(id).orElse(null), id);
            Checks.ifMatch(ifMatch, p.version, "policy " + id);
            validate(request);
            if (request.type() == PolicyType.APP) {
                List<Violation> chained = config.rulesOf(id).stream().filter(r -> !r.actions.chains().isEmpty())
                        .map(r -> new Violation("/type", "S5: rule '" + r.name + "' (" + r.id
                                + ") holds factor chains, which application sign-on policies cannot"))
                        .toList();
                Checks.valid(chained);
            }
            var before = Mapping.policy(p, config.rulesOf(id));
            apply(p, request);
            p.version++;
            if (request.priority() != null) {
                Priorities.apply(config.policies(), Ordering.place(Priorities.currentOrder(config.policies(), ORDER), id,
                        request.priority()), ORDER);
            }
            var after = Mapping.policy(p, config.rulesOf(id));
            return changes.commit(actor, "policy.update", "policy", id, before, after)
                    .map(v -> new Written<>(after, p.version, v));
        });
    }

    @WithTransaction
    public Uni<Long> delete(String actor, String id, String ifMatch) {
        return changes.lockAndLoad().chain(config -> {
            SignOnPolicyEntity p = found(config.policy(id).orElse(null), id);
            Checks.ifMatch(ifMatch, p.version, "policy " + id);
            var before = Mapping.policy(p, config.rulesOf(id));
            List<SignOnPolicyEntity> rest = config.policies().stream().filter(e -> e != p).toList();
            Priorities.apply(rest, Priorities.currentOrder(rest, ORDER), ORDER);
            return rules.delete("policyId", id).chain(() -> policies.delete(p))
                    .chain(() -> changes.commit(actor, "policy.delete", "policy", id, before, null));
        });
    }

    @WithTransaction
    public Uni<Written<List<SignOnPolicyView>>> reorder(String actor, List<String> ids) {
        return changes.lockAndLoad().chain(config -> {
            var all = config.policies();
            Priorities.checkPermutation(all, ids, ORDER);
            List<String> before = Priorities.currentOrder(all, ORDER);
            Priorities.apply(all, ids, ORDER);
            List<SignOnPolicyView> views = all.stream().sorted(Comparator.comparingInt(e -> e.priority))
                    .map(p -> Mapping.policy(p, config.rulesOf(p.id))).toList();
            return changes.commit(actor, "policy.reorder", "policy", "*", before, ids)
                    .map(v -> new Written<>(views, 0, v));
        });
    }

    private static void validate(SignOnPolicyRequest request) {
        boolean app = request.type() == PolicyType.APP;
        boolean hasApp = request.appId() != null && !request.appId().isBlank();
        if (app && !hasApp) {
            throw ProblemException.invalid("/appId", "an APP policy names the client application it applies to");
        }
        if (!app && hasApp) {
            throw ProblemException.invalid("/appId", "only an APP policy names a client application");
        }
    }

    private static void apply(SignOnPolicyEntity p, SignOnPolicyRequest request) {
        p.name = request.name();
        p.type = request.type();
        p.appId = request.type() == PolicyType.APP ? request.appId() : null;
        p.groups = Requests.distinct(request.groups());
    }

    static SignOnPolicyEntity found(SignOnPolicyEntity p, String id) {
        if (p == null) {
            throw ProblemException.notFound("policy '" + id + "'");
        }
        return p;
    }
}
