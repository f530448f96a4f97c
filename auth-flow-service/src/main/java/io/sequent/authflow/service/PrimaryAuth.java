package io.sequent.authflow.service;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.flow.SignInFlow;
import io.sequent.authflow.domain.policy.ActiveFactor;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.FactorTypes;
import io.sequent.authflow.domain.policy.PolicyEvaluator;
import io.sequent.authflow.domain.policy.RequestContext;
import io.sequent.authflow.persistence.DecoySalt;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.authflow.persistence.StoredTransaction.FactorRef;
import io.sequent.authflow.persistence.TransactionStore;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.events.policy.PolicySnapshot;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /api/v1/authn}: reads a transaction, or starts one for a username, with a password
 * (the password flow: start, then the password factor) or without (factor sequencing, S4). An
 * unknown or refused user gets the same answer as a known one (S1): E0000004 with a password, an
 * indistinguishable decoy transaction without.
 */
@ApplicationScoped
public class PrimaryAuth {

    /**
     * What the client sent; null means absent. {@code warnBeforeExpiry} and {@code multiOptionalFactorEnroll}
     * are Okta's {@code options}.
     */
    public record Start(String username, String password, String relayState, String orgId, boolean warnBeforeExpiry,
                        boolean multiOptionalFactorEnroll, String clientIp) {
    }

    private final UserReadModel users;
    private final PolicySnapshots policies;
    private final FactorClient factors;
    private final HeldFactors held;
    private final TransactionStore store;
    private final Steps steps;
    private final PolicyEvaluator evaluator;
    private final Clock clock;
    private final DecoySalt decoySalt;
    private final AnswerTimes times;

    public PrimaryAuth(UserReadModel users, PolicySnapshots policies, FactorClient factors, HeldFactors held,
                       TransactionStore store, Steps steps, DecoySalt decoySalt, AnswerTimes times, Clock clock) {
        this.users = users;
        this.policies = policies;
        this.factors = factors;
        this.held = held;
        this.store = store;
        this.steps = steps;
        this.clock = clock;
        this.evaluator = new PolicyEvaluator(clock);
        this.decoySalt = decoySalt;
        this.times = times;
    }

    /** {@code {stateToken}} only: the current transaction, its lifetime slid forward. */
    public Uni<AuthnOutcome> read(String stateToken) {
        return steps.load(stateToken).flatMap(loaded ->
                steps.settle(stateToken, loaded, loaded.with(steps.transition(loaded, new FlowEvent.StateRead()))));
    }

    public Uni<AuthnOutcome> start(Start request) {
        if (request.username() == null || request.username().isBlank()) {
            throw AuthnException.validation("username: The field cannot be left blank");
        }
        if (request.username().length() > 256) {
            throw AuthnException.validation("username: The field is too long");
        }
        PolicySnapshot policy = policies.current().orElseThrow(AuthnException::unavailable);
        RequestContext context = new RequestContext(request.orgId(), null, null, request.clientIp(),
                request.warnBeforeExpiry());
        String username = request.username().strip();
        long began = System.nanoTime();
        AnswerTimes.Flow flow = request.password() == null ? AnswerTimes.Flow.PASSWORDLESS : AnswerTimes.Flow.PASSWORD;
        return users.findForSignIn(username).flatMap(found -> {
            if (found.isEmpty()) {
                return times.padded(flow, began, Uni.createFrom().deferred(() ->
                        refused(request, username, context, policy, null, "UNKNOWN_USER")));
            }
            UserSnapshot user = found.get().user();
            return held.of(user.userId(), found.get().factors()).flatMap(active -> {
                var enrolled = active.stream().map(f -> new ActiveFactor(f.id(), f.factorType())).toList();
                Decision decision = evaluator.evaluate(user, enrolled, context, policy);
                if (!(decision instanceof Decision.Allowed allowed)) {
                    String reason = decision instanceof Decision.Refused r ? r.reason().name() : "LOCKED_OUT";
                    return times.padded(flow, began, Uni.createFrom().deferred(() ->
                            refused(request, username, context, policy, user.userId(), reason)));
                }
                Map<String, FactorRef> refs = new LinkedHashMap<>();
                active.forEach(f -> refs.put(f.id(), new FactorRef(f.factorType(), f.provider(), f.profile())));
                var stored = new StoredTransaction(SignInFlow.start(UUID.randomUUID().toString(), allowed,
                        request.relayState(), request.multiOptionalFactorEnroll(), clock), false, user.userId(),
                        username, refs, null, null, null, null);
                return times.timed(flow, began, store.create(stored).flatMap(token -> {
                    steps.audit(EventType.AUTH_SIGNIN_STARTED, stored, null, stored.tx().state().name(), null);
                    return request.password() == null ? steps.live(stored, token) : password(token, stored, request.password());
                }));
            });
        });
    }

    /** The password flow: the password factor verified by factor-service (which binds for directory users). */
    private Uni<AuthnOutcome> password(String token, StoredTransaction stored, String password) {
        Optional<String> factorId = stored.factors().entrySet().stream()
                .filter(e -> FactorTypes.PASSWORD.equals(e.getValue().factorType())).map(Map.Entry::getKey).findFirst();
        if (factorId.isEmpty() || !stored.tx().offers().contains(FactorTypes.PASSWORD)) {
            return factors.decoyPassword(password).flatMap(done -> fail(token, stored, "PASSWORD_NOT_OFFERED"));
        }
        return factors.verify(stored.userId(), factorId.get(),
                        new FactorClient.VerifyBody(null, null, password, null).inTransaction(stored.tx().id()))
                .onFailure(NeighbourRejected.class).transform(f -> AuthnException.authenticationFailed())
                .flatMap(result -> switch (result.outcome()) {
                    case "SUCCESS", "PASSWORD_EXPIRED", "MUST_CHANGE_PASSWORD" -> {
                        boolean expired = !"SUCCESS".equals(result.outcome());
                        steps.audit(EventType.AUTH_SIGNIN_FACTOR_VERIFIED, stored, FactorTypes.PASSWORD, null, null);
                        yield steps.settle(token, stored, stored.with(steps.transition(stored,
                                new FlowEvent.FactorVerified(FactorTypes.PASSWORD, expired))));
                    }
                    case "UNAVAILABLE" -> Uni.createFrom().failure(AuthnException.unavailable());
                    default -> {
                        steps.audit(EventType.AUTH_SIGNIN_FACTOR_FAILED, stored, FactorTypes.PASSWORD, null,
                                result.outcome());
                        // a locked factor is refused without a hash check: the same work as one keeps its answer as
                        // slow as a wrong password's and an unknown username's (S1, hidden lockout)
                        Uni<Void> work = "LOCKED".equals(result.outcome()) ? factors.decoyPassword(password)
                                : Uni.createFrom().voidItem();
                        yield work.flatMap(done -> fail(token, stored, "PASSWORD_" + result.outcome()));
                    }
                });
    }

    /** Ends the transaction refused and answers the generic failure (S1). */
    private Uni<AuthnOutcome> fail(String token, StoredTransaction stored, String reason) {
        var ended = stored.cleared(steps.transition(stored, new FlowEvent.Cancel()));
        return store.swap(token, stored.tx().version(), ended).map(ignored -> {
            steps.audit(EventType.AUTH_SIGNIN_REFUSED, stored, null, "CANCELLED", reason);
            throw AuthnException.authenticationFailed();
        });
    }

    /**
     * S1: with a password, the generic failure; without, a decoy built from the policy for a stand-in
     * user, with factor ids derived from the username. A real user is offered only the first factors
     * they hold (S4), so the stand-in holds a subset of the first factors too, chosen by the keyed
     * digest of the username: the same every time, and no list proves that a username exists.
     */
    private Uni<AuthnOutcome> refused(Start request, String username, RequestContext context, PolicySnapshot policy,
                                      String userId, String reason) {
        var refusal = new io.sequent.events.SignInEvent(UUID.randomUUID().toString(), userId, context.orgId(), null,
                context.clientIp(), null, "REFUSED", reason);
        if (request.password() != null) {
            steps.auditRaw(EventType.AUTH_SIGNIN_REFUSED, refusal);
            // factor-service does the same Argon2id work for nobody, so the hashing pool is as busy as for a real check
            Uni<Void> work = factors.decoyPassword(request.password());
            if (times.knows(AnswerTimes.Flow.PASSWORD)) {
                // the answer's time is a real answer's (AnswerTimes): waiting for this work as well would only make it later
                work.subscribe().with(done -> { }, failure -> { });
                work = Uni.createFrom().voidItem();
            }
            return work.map(done -> {
                throw AuthnException.authenticationFailed();
            });
        }
        String lower = username.toLowerCase(Locale.ROOT);
        return decoySalt.get().flatMap(salt -> {
            var standIn = new UserSnapshot("decoy-" + digest(salt, lower, "user"), 1, UserSource.LOCAL, null, null, lower,
                    null, null, null, null, UserStatus.ACTIVE, false, false, null, null, context.orgId(),
                    context.orgId() == null ? List.of() : List.of(new OrgMembership(context.orgId(), List.of())), List.of(),
                    clock.instant());
            List<ActiveFactor> all = policy.activeFactorTypes().stream()
                    .map(t -> new ActiveFactor(digest(salt, lower, t), t)).toList();
            Decision decision = evaluator.evaluate(standIn, all, context, policy);
            if (!(decision instanceof Decision.Allowed allowed)) {
                steps.auditRaw(EventType.AUTH_SIGNIN_REFUSED, refusal);
                throw AuthnException.authenticationFailed();
            }
            List<String> held = decoyFirstFactors(salt, lower, allowed.firstOffers());
            List<ActiveFactor> holding = all.stream()
                    .filter(f -> !allowed.firstOffers().contains(f.factorType()) || held.contains(f.factorType())).toList();
            Decision narrowed = evaluator.evaluate(standIn, holding, context, policy);
            Decision.Allowed plan = narrowed instanceof Decision.Allowed a ? a : allowed;
            Map<String, FactorRef> refs = new LinkedHashMap<>();
            (plan == allowed ? all : holding).forEach(f -> refs.put(f.factorId(), new FactorRef(f.factorType(),
                    FactorTypes.provider(f.factorType()), Map.of())));
            var decoy = new StoredTransaction(SignInFlow.start(refusal.transactionId(), plan, request.relayState(),
                    request.multiOptionalFactorEnroll(), clock), true, null, username, refs, null, null, null, null);
            return store.create(decoy).flatMap(token -> {
                steps.auditRaw(EventType.AUTH_SIGNIN_REFUSED, refusal);
                return steps.live(decoy, token);
            });
        });
    }

    /**
     * The first factors a decoy "holds": each with probability one half, by the keyed digest of the
     * username, at least one. Visible for tests.
     */
    static List<String> decoyFirstFactors(byte[] salt, String username, List<String> firstOffers) {
        if (firstOffers.size() <= 1) {
            return firstOffers;
        }
        List<String> held = new java.util.ArrayList<>();
        for (String type : firstOffers) {
            if ((digestBytes(salt, username, "holds " + type)[0] & 1) == 1) {
                held.add(type);
            }
        }
        if (held.isEmpty()) {
            held.add(firstOffers.get(Math.floorMod(digestBytes(salt, username, "first")[0], firstOffers.size())));
        }
        return List.copyOf(held);
    }

    /** A stable, random-looking version-4 UUID for (username, label): the same decoy every time. */
    private static String digest(byte[] salt, String username, String label) {
        byte[] h = digestBytes(salt, username, label);
        h[6] = (byte) ((h[6] & 0x0f) | 0x40);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static byte[] digestBytes(byte[] salt, String username, String label) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update((username + "\u0000" + label).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
