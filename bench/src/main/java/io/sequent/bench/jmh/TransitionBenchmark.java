package io.sequent.bench.jmh;

import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.flow.FlowState;
import io.sequent.authflow.domain.flow.SignInFlow;
import io.sequent.authflow.domain.flow.Transaction;
import io.sequent.authflow.domain.policy.ActiveFactor;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.PolicyEvaluator;
import io.sequent.authflow.domain.policy.RequestContext;
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

/** One step of the sign-in state machine: the first factor of a two-factor chain verified. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransitionBenchmark {

    private Clock clock;
    private Transaction started;
    private final FlowEvent verifyTotp = new FlowEvent.FactorVerified(Snapshots.TOTP);
    private final FlowEvent verifyQuestion = new FlowEvent.FactorVerified("question");

    @Setup
    public void setUp() {
        clock = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
        Decision d = new PolicyEvaluator(clock).evaluate(Snapshots.user(),
                List.of(new ActiveFactor("f1", Snapshots.TOTP), new ActiveFactor("f2", "question")),
                new RequestContext(null, null, null, "10.1.2.3", false), Snapshots.large());
        started = SignInFlow.start("tx-1", (Decision.Allowed) d, null, clock);
        Transaction after = SignInFlow.transition(SignInFlow.transition(started, verifyTotp, clock), verifyQuestion, clock);
        if (after.state() != FlowState.MFA_REQUIRED && !after.awaitingStatusRecheck()) {
            throw new IllegalStateException("the chain must complete in two steps, got " + after.state());
        }
    }

    @Benchmark
    public Transaction firstStep() {
        return SignInFlow.transition(started, verifyTotp, clock);
    }
}
