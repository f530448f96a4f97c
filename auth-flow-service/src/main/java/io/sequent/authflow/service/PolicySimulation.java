package io.sequent.authflow.service;

import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.domain.policy.ActiveFactor;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.DryRun;
import io.sequent.authflow.domain.policy.PolicyEvaluator;
import io.sequent.authflow.domain.policy.RequestContext;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * S11 for admins: the sign-in decision for one user and context, with every rule that fired (the
 * same {@link PolicyEvaluator} as sign-in), and the dry run of a proposed snapshot over the users of
 * the read model, page by page, with each user's active enrollments from factor-service.
 */
@ApplicationScoped
public class PolicySimulation {

    /** One user's decision now and under the proposal. */
    public record Compared(UserSnapshot user, Decision current, Decision proposed, DryRun.Impact impact) {
    }

    /** One dry-run page: how many users were looked at, those whose sign-in changes, and the next cursor. */
    public record DryRunPage(int scanned, List<Compared> affected, String nextCursor) {
    }

    private static final int CONCURRENT_FACTOR_READS = 4;

    private final UserReadModel users;
    private final FactorClient factors;
    private final PolicyEvaluator evaluator;

    public PolicySimulation(UserReadModel users, FactorClient factors, Clock clock) {
        this.users = users;
        this.factors = factors;
        this.evaluator = new PolicyEvaluator(clock);
    }

    public Uni<Decision> simulate(UserSnapshot user, RequestContext context, PolicySnapshot snapshot) {
        return enrollments(user).map(active -> evaluator.evaluate(user, active, context, snapshot));
    }

    /** The dry run for the named users only (one page, no cursor); unknown ids are skipped. */
    public Uni<DryRunPage> dryRun(PolicySnapshot current, PolicySnapshot proposed, RequestContext context,
                                  List<String> userIds) {
        return Multi.createFrom().iterable(userIds).onItem().transformToUni(users::findById).merge(4)
                .filter(java.util.Optional::isPresent).map(java.util.Optional::get)
                .collect().asList().flatMap(found -> compare(current, proposed, context, new UserReadModel.Page(found, "0")));
    }

    public Uni<DryRunPage> dryRun(PolicySnapshot current, PolicySnapshot proposed, RequestContext context, String cursor,
                                  int limit) {
        return users.page(cursor, limit).flatMap(page -> compare(current, proposed, context, page));
    }

    private Uni<DryRunPage> compare(PolicySnapshot current, PolicySnapshot proposed, RequestContext context,
                                    UserReadModel.Page page) {
        {
            List<UserSnapshot> live = page.users().stream().filter(u -> u.status() != UserStatus.DELETED).toList();
            return Multi.createFrom().iterable(live)
                    .onItem().transformToUni(user -> enrollments(user).map(active -> {
                        Decision now = evaluator.evaluate(user, active, context, current);
                        Decision then = evaluator.evaluate(user, active, context, proposed);
                        return new Compared(user, now, then, DryRun.compare(now, then));
                    })).merge(CONCURRENT_FACTOR_READS)
                    .collect().asList()
                    .map(all -> new DryRunPage(page.users().size(),
                            all.stream().filter(c -> c.impact() != DryRun.Impact.UNCHANGED)
                                    .sorted(java.util.Comparator.comparing(c -> c.user().username())).toList(),
                            page.nextCursor()));
        }
    }

    private Uni<List<ActiveFactor>> enrollments(UserSnapshot user) {
        // factor-service's own answer, not the sign-in read model: a simulation says what is true now
        return factors.activeFactors(user.userId())
                .map(set -> set.factors().stream().map(f -> new ActiveFactor(f.id(), f.factorType())).toList());
    }
}
