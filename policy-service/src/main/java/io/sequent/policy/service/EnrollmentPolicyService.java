package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.sequent.policy.api.ProblemException;
import io.sequent.policy.api.Requests;
import io.sequent.policy.api.Requests.EnrollmentPolicyRequest;
import io.sequent.policy.api.Views.EnrollmentPolicyView;
import io.sequent.events.policy.PolicySnapshot.EnrollmentPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.policy.domain.EnrollmentImpact;
import io.sequent.policy.domain.FactorTypes;
import io.sequent.policy.domain.Warning;
import io.sequent.policy.domain.Ordering;
import io.sequent.policy.domain.Violation;
import io.sequent.policy.persistence.EnrollmentPolicyEntity;
import io.sequent.policy.persistence.EnrollmentPolicyRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Enrollment policies (S11, seed 000 "Factor Enrollment"). */
@ApplicationScoped
public class EnrollmentPolicyService {

    static final Priorities.Access<EnrollmentPolicyEntity> ORDER = new Priorities.Access<>() {
        public String id(EnrollmentPolicyEntity e) {
            return e.id;
        }

        public int priority(EnrollmentPolicyEntity e) {
            return e.priority;
        }

        public void set(EnrollmentPolicyEntity e, int priority) {
            e.priority = priority;
            e.version++;
        }
    };

    private final EnrollmentPolicyRepository policies;
    private final PolicyChanges changes;

    public EnrollmentPolicyService(EnrollmentPolicyRepository policies, PolicyChanges changes) {
        this.policies = policies;
        this.changes = changes;
    }

    @WithSession
    public Uni<List<EnrollmentPolicyView>> list() {
        return policies.ordered().map(list -> list.stream().map(Mapping::enrollment).toList());
    }

    @WithSession
    public Uni<EnrollmentPolicyView> get(String id) {
        return policies.findById(id).map(p -> Mapping.enrollment(found(p, id)));
    }

    @WithTransaction
    public Uni<Written<EnrollmentPolicyView>> create(String actor, EnrollmentPolicyRequest request) {
        return changes.lockAndLoad().chain(config -> {
            validate(request, config);
            EnrollmentPolicyEntity p = new EnrollmentPolicyEntity();
            p.id = UUID.randomUUID().toString();
            p.version = 1;
            p.priority = Integer.MAX_VALUE;
            apply(p, request);
            List<EnrollmentPolicyEntity> all = new ArrayList<>(config.enrollmentPolicies());
            all.add(p);
            Priorities.apply(all, Ordering.place(Priorities.currentOrder(config.enrollmentPolicies(), ORDER), p.id,
                    request.priority()), ORDER);
            p.version = 1;
            return policies.persist(p)
                    .chain(() -> changes.commit(actor, "enrollment_policy.create", "enrollment_policy", p.id, null,
                            Mapping.enrollment(p)))
                    .map(v -> new Written<>(Mapping.enrollment(p), p.version, v));
        });
    }

    @WithTransaction
    public Uni<Written<EnrollmentPolicyView>> update(String actor, String id, String ifMatch, EnrollmentPolicyRequest request) {
        return changes.lockAndLoad().chain(config -> {
            EnrollmentPolicyEntity p = found(config.enrollmentPolicies().stream().filter(e -> e.id.equals(id))
                    .findFirst().orElse(null), id);
            Checks.ifMatch(ifMatch, p.version, "enrollment policy " + id);
            validate(request, config);
            EnrollmentPolicyView before = Mapping.enrollment(p);
            List<EnrollmentPolicy> enrollmentBefore = domain(config.enrollmentPolicies());
            apply(p, request);
            p.version++;
            if (request.priority() != null) {
                Priorities.apply(config.enrollmentPolicies(), Ordering.place(
                        Priorities.currentOrder(config.enrollmentPolicies(), ORDER), id, request.priority()), ORDER);
            }
            List<Warning> warnings = EnrollmentImpact.newlyUncovered(signOnPolicies(config), enrollmentBefore,
                    domain(config.enrollmentPolicies()));
            return changes.commit(actor, "enrollment_policy.update", "enrollment_policy", id, before, Mapping.enrollment(p))
                    .map(v -> new Written<>(Mapping.enrollment(p, warnings), p.version, v));
        });
    }

    @WithTransaction
    public Uni<Long> delete(String actor, String id, String ifMatch) {
        return changes.lockAndLoad().chain(config -> {
            EnrollmentPolicyEntity p = found(config.enrollmentPolicies().stream().filter(e -> e.id.equals(id))
                    .findFirst().orElse(null), id);
            Checks.ifMatch(ifMatch, p.version, "enrollment policy " + id);
            EnrollmentPolicyView before = Mapping.enrollment(p);
            List<EnrollmentPolicyEntity> rest = config.enrollmentPolicies().stream().filter(e -> e != p).toList();
            Priorities.apply(rest, Priorities.currentOrder(rest, ORDER), ORDER);
            return policies.delete(p).chain(() -> changes.commit(actor, "enrollment_policy.delete", "enrollment_policy",
                    id, before, null));
        });
    }

    @WithTransaction
    public Uni<Written<List<EnrollmentPolicyView>>> reorder(String actor, List<String> ids) {
        return changes.lockAndLoad().chain(config -> {
            var all = config.enrollmentPolicies();
            Priorities.checkPermutation(all, ids, ORDER);
            List<String> before = Priorities.currentOrder(all, ORDER);
            Priorities.apply(all, ids, ORDER);
            List<EnrollmentPolicyView> views = all.stream()
                    .sorted(java.util.Comparator.comparingInt(e -> e.priority)).map(Mapping::enrollment).toList();
            return changes.commit(actor, "enrollment_policy.reorder", "enrollment_policy", "*", before, ids)
                    .map(v -> new Written<>(views, 0, v));
        });
    }

    private static List<EnrollmentPolicy> domain(List<EnrollmentPolicyEntity> entities) {
        return entities.stream().map(EnrollmentPolicyEntity::toPolicy).toList();
    }

    private static List<SignOnPolicy> signOnPolicies(ConfigState config) {
        return config.policies().stream().map(config::toPolicy).toList();
    }

    private static void validate(EnrollmentPolicyRequest request, ConfigState config) {
        List<Violation> violations = new ArrayList<>();
        request.factors().keySet().stream().sorted().forEach(type -> {
            if (!FactorTypes.isKnown(type)) {
                violations.add(new Violation("/factors/" + type.replace("~", "~0").replace("/", "~1"),
                        "unknown factor type '" + type + "'; known: " + FactorTypes.CATALOGUE));
            }
        });
        List<String> orgs = request.orgs() == null ? List.of() : request.orgs();
        for (int i = 0; i < orgs.size(); i++) {
            if (config.org(orgs.get(i)).isEmpty()) {
                violations.add(new Violation("/orgs/" + i, "no organisation '" + orgs.get(i) + "'"));
            }
        }
        Checks.valid(violations);
    }

    private static void apply(EnrollmentPolicyEntity p, EnrollmentPolicyRequest request) {
        p.name = request.name();
        p.groups = Requests.distinct(request.groups());
        p.orgs = Requests.distinct(request.orgs());
        p.factors = java.util.Map.copyOf(request.factors());
    }

    private static EnrollmentPolicyEntity found(EnrollmentPolicyEntity p, String id) {
        if (p == null) {
            throw ProblemException.notFound("enrollment policy '" + id + "'");
        }
        return p;
    }
}
