package io.sequent.bench.jmh;

import io.sequent.authflow.domain.policy.ActiveFactor;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.PolicyEvaluator;
import io.sequent.authflow.domain.policy.RequestContext;
import io.sequent.events.UserSnapshot;
import io.sequent.events.policy.PolicySnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The sign-in decision (S1–S13) against a snapshot of 100 rules and 1,000 orgs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PolicyEvaluationBenchmark {

    private PolicyEvaluator evaluator;
    private PolicySnapshot snapshot;
    private UserSnapshot user;
    private List<ActiveFactor> factors;
    private RequestContext context;

    @Setup
    public void setUp() {
        evaluator = new PolicyEvaluator(Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));
        snapshot = Snapshots.large();
        user = Snapshots.user();
        factors = List.of(new ActiveFactor("f1", Snapshots.TOTP), new ActiveFactor("f2", "question"),
                new ActiveFactor("f3", "push"));
        context = new RequestContext(null, null, null, "10.1.2.3", false);
        Decision check = evaluator.evaluate(user, factors, context, snapshot);
        if (!(check instanceof Decision.Allowed allowed) || !"rule-97".equals(allowed.ruleId())) {
            throw new IllegalStateException("the benchmark user must reach rule-97, got " + check);
        }
    }

    @Benchmark
    public Decision evaluate() {
        return evaluator.evaluate(user, factors, context, snapshot);
    }
}
