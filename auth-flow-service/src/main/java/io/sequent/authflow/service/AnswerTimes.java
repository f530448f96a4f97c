package io.sequent.authflow.service;

import io.sequent.authflow.api.AuthnException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * S1 by time. An unknown or refused username does less work than a user who signs in (no factor
 * list from factor-service, no transaction written, no password checked against a stored hash), so
 * its answer came back measurably sooner: about 11 ms without a password, 25 ms with one. Doing the
 * same work for nobody only narrows the gap, so this replica remembers how long the primary
 * authentications of real users took lately, per flow, and holds the answer for a username it will
 * not sign in until a duration drawn from them has passed: both answers then come from one
 * distribution, whatever the load. The replicas share what they timed through Redis
 * ({@link io.sequent.authflow.persistence.SharedAnswerTimes}), so a replica that has just started,
 * after a restart or a scale-out, draws from the others' recent answers at once instead of answering
 * unknown usernames sooner than real ones until its own window fills. Only before any replica has
 * timed a real sign-in is there nothing to draw from.
 * A decoy's own work must stay shorter than what it waits for, or the wait would only add to it: the
 * Argon2id work for an unknown username's password is therefore not waited for once real answers
 * have been timed.
 */
@ApplicationScoped
public class AnswerTimes {

    /** The two primary authentications, whose durations differ by a password check. */
    public enum Flow { PASSWORDLESS, PASSWORD }

    /** Recent enough to follow the load within a few dozen sign-ins. */
    public static final int KEPT = 64;

    private final AtomicLongArray[] samples = {new AtomicLongArray(KEPT), new AtomicLongArray(KEPT)};
    private final AtomicLong[] recorded = {new AtomicLong(), new AtomicLong()};
    /** Per flow, how many of {@code recorded} were shared already (or came from the others). */
    private final AtomicLong[] shared = {new AtomicLong(), new AtomicLong()};

    /**
     * {@code answer} of a real user's primary authentication; its duration since {@code startNanos} is
     * remembered when it is the kind of answer a username that will not sign in gets: a transaction
     * without a password, E0000004 with one (a wrong password, not a sign-in that went through).
     */
    public <T> Uni<T> timed(Flow flow, long startNanos, Uni<T> answer) {
        return answer.onItemOrFailure().invoke((item, failure) -> {
            boolean refused = failure instanceof AuthnException e && e.status() == 401;
            if (flow == Flow.PASSWORD ? refused : failure == null) {
                record(flow, System.nanoTime() - startNanos);
            }
        });
    }

    /** {@code answer} for a username that will not sign in, held until a drawn duration since {@code startNanos} has passed. */
    public <T> Uni<T> padded(Flow flow, long startNanos, Uni<T> answer) {
        long target = draw(flow);
        return answer.onItemOrFailure().transformToUni((item, failure) -> {
            long wait = target - (System.nanoTime() - startNanos);
            // (a timer cannot wait less than a millisecond)
            Uni<Void> pause = wait < 1_000_000 ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait));
            return pause.onItem().transformToUni(v -> failure == null ? Uni.createFrom().item(item) : Uni.createFrom().failure(failure));
        });
    }

    /**
     * Fills the window of {@code flow} with durations other replicas timed, when this replica has timed none itself
     * yet; they count as timed but are never handed out again by {@link #timedSince}. Answers whether it seeded.
     */
    public boolean seed(Flow flow, long[] nanos) {
        int i = flow.ordinal();
        if (nanos.length == 0 || recorded[i].get() > 0) {
            return false;
        }
        int n = Math.min(nanos.length, KEPT);
        if (!recorded[i].compareAndSet(0, n)) {
            return false;
        }
        // the newest ones, which are last
        for (int k = 0; k < n; k++) {
            samples[i].set(k, nanos[nanos.length - n + k]);
        }
        shared[i].set(n);
        return true;
    }

    /**
     * The durations of {@code flow} this replica timed itself since the last call (at most the window's worth),
     * oldest first, for sharing with the other replicas.
     */
    public long[] timedSince(Flow flow) {
        int i = flow.ordinal();
        long now = recorded[i].get();
        long from = Math.max(shared[i].getAndSet(now), now - KEPT);
        long[] out = new long[(int) Math.max(0, now - from)];
        for (int k = 0; k < out.length; k++) {
            out[k] = samples[i].get((int) ((from + k) % KEPT));
        }
        return out;
    }

    /** Whether a real answer of {@code flow} was timed yet: before that, a decoy's own work is all its answer waits for. */
    public boolean knows(Flow flow) {
        return recorded[flow.ordinal()].get() > 0;
    }

    void record(Flow flow, long nanos) {
        long n = recorded[flow.ordinal()].getAndIncrement();
        samples[flow.ordinal()].set((int) (n % KEPT), nanos);
    }

    /** One of the remembered durations of {@code flow}, at random; 0 when there is none yet. */
    long draw(Flow flow) {
        long n = Math.min(recorded[flow.ordinal()].get(), KEPT);
        return n == 0 ? 0 : samples[flow.ordinal()].get(ThreadLocalRandom.current().nextInt((int) n));
    }
}
