package io.sequent.authflow.service;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.client.NeighbourUnavailable;
import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.flow.FlowState;
import io.sequent.authflow.domain.flow.SignInFlow;
import io.sequent.authflow.domain.flow.StatusSource;
import io.sequent.authflow.domain.flow.Transaction;
import io.sequent.authflow.messaging.AuditEvents;
import io.sequent.authflow.persistence.SessionTokens;
import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.authflow.persistence.TransactionStore;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.EventType;
import io.sequent.events.SignInEvent;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;

/**
 * The steps every Authentication API call shares: load a transaction by its state token, commit a
 * transition with the optimistic version check, and, once every step is done, the S2 status read
 * that alone leads to SUCCESS and a session token.
 */
@ApplicationScoped
public class Steps {

    private final TransactionStore store;
    private final UserReadModel users;
    private final DirectoryClient directory;
    private final SessionTokens sessions;
    private final AuditEvents audit;
    private final Clock clock;

    public Steps(TransactionStore store, UserReadModel users, DirectoryClient directory, SessionTokens sessions,
                 AuditEvents audit, Clock clock) {
        this.store = store;
        this.users = users;
        this.directory = directory;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The live transaction behind {@code stateToken}, or E0000011. */
    public Uni<StoredTransaction> load(String stateToken) {
        return store.find(stateToken).map(found -> found
                .filter(s -> !s.tx().state().isTerminal() && clock.instant().isBefore(s.tx().expiresAt()))
                .orElseThrow(AuthnException::invalidToken));
    }

    public Transaction transition(StoredTransaction stored, FlowEvent event) {
        return SignInFlow.transition(stored.tx(), event, clock);
    }

    /**
     * Writes {@code next} if the stored version is still {@code loaded}'s; the loser of a race gets
     * E0000079 and the state the winner left.
     */
    public Uni<StoredTransaction> commit(String stateToken, StoredTransaction loaded, StoredTransaction next) {
        return store.swap(stateToken, loaded.tx().version(), next).map(won -> {
            if (!won) {
                throw AuthnException.illegalState("the transaction was changed by another request");
            }
            return next;
        });
    }

    /**
     * Commits {@code next} and answers with it; when every step is done, makes the S2 status read
     * first, so the only way to SUCCESS is through it.
     */
    public Uni<AuthnOutcome> settle(String stateToken, StoredTransaction loaded, StoredTransaction next) {
        if (!next.tx().awaitingStatusRecheck()) {
            if (next.tx().state().isTerminal() && next.tx().state() != FlowState.SUCCESS) {
                // the step ended the sign-in (S9: MFA needed, no factor held, none enrollable): the generic
                // failure with the reason audited (S1), never a live transaction whose status is CANCELLED
                return commit(stateToken, loaded, next).flatMap(saved -> finished(saved, null));
            }
            return commit(stateToken, loaded, next).flatMap(saved -> live(saved, stateToken));
        }
        // directory-sync unreachable: every step stays done and the answer is a 503; reading the
        // transaction again makes the status read again (never SUCCESS without it)
        Uni<Rechecked> checked = recheck(next).onFailure(NeighbourUnavailable.class).recoverWithUni(f ->
                commit(stateToken, loaded, next).chain(saved -> Uni.createFrom().<Rechecked>failure(AuthnException.unavailable())));
        return checked.flatMap(rechecked -> {
            StoredTransaction done = next.cleared(SignInFlow.transition(next.tx(), rechecked.event(), clock));
            return commit(stateToken, loaded, done).flatMap(saved -> finished(saved, rechecked.user()));
        });
    }

    /** The S2 status read's event, and the user as the read model had it when the status came from there (else null). */
    private record Rechecked(FlowEvent event, UserSnapshot user) {
    }

    public Uni<AuthnOutcome> live(StoredTransaction stored, String stateToken) {
        if (stored.decoy() || stored.tx().verified().isEmpty()) {
            return Uni.createFrom().item(new AuthnOutcome.Live(stored, stateToken, null));
        }
        return users.findById(stored.userId()).map(u -> new AuthnOutcome.Live(stored, stateToken, u.orElse(null)));
    }

    private Uni<Rechecked> recheck(StoredTransaction stored) {
        if (stored.tx().liveStatusRequired()) {
            return directory.liveStatus(stored.userId())
                    .map(s -> (FlowEvent) new FlowEvent.StatusRechecked(status(s.status()),
                            "LAST_IMPORTED".equals(s.source()) ? StatusSource.LAST_IMPORTED : StatusSource.LIVE_DIRECTORY))
                    .onFailure(NeighbourRejected.class).recoverWithItem(f -> ((NeighbourRejected) f).status() == 404
                            ? new FlowEvent.StatusRechecked(UserStatus.DELETED, StatusSource.LIVE_DIRECTORY)
                            : new FlowEvent.StatusRechecked(null, StatusSource.UNREACHABLE))
                    .map(event -> new Rechecked(event, null));
        }
        // the read model's user is the one the status came from: SUCCESS shows it without reading it again
        return users.findById(stored.userId()).map(u -> new Rechecked(new FlowEvent.StatusRechecked(
                u.map(UserSnapshot::status).orElse(UserStatus.DELETED), StatusSource.READ_MODEL), u.orElse(null)));
    }

    private static UserStatus status(String value) {
        try {
            return UserStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            return UserStatus.DISABLED;
        }
    }

    /** {@code known}: the user as the status read found them, or null to read them from the read model. */
    private Uni<AuthnOutcome> finished(StoredTransaction done, UserSnapshot known) {
        Transaction tx = done.tx();
        if (tx.state() != FlowState.SUCCESS) {
            audit.publish(EventType.AUTH_SIGNIN_REFUSED, event(done, null, tx.state().name(),
                    tx.refusal() == null ? tx.state().name() : tx.refusal().name()));
            throw AuthnException.authenticationFailed();
        }
        Uni<Optional<UserSnapshot>> read = known != null ? Uni.createFrom().item(Optional.of(known))
                : users.findById(done.userId());
        return read.flatMap(user -> {
            if (user.isEmpty()) {
                throw AuthnException.authenticationFailed();
            }
            var grant = new SessionTokens.Grant(done.userId(), tx.plan().orgId(), Amr.of(tx.verified()), tx.id(),
                    clock.instant(), tx.plan().sessionLifetimeSeconds());
            return sessions.issue(grant).map(token -> {
                audit.publish(EventType.AUTH_SIGNIN_SUCCEEDED, event(done, null, "SUCCESS", null));
                return (AuthnOutcome) new AuthnOutcome.Succeeded(done, token,
                        clock.instant().plus(SessionTokens.LIFETIME), user.get());
            });
        });
    }

    public void audit(EventType type, StoredTransaction stored, String factorType, String status, String reason) {
        audit.publish(type, event(stored, factorType, status, reason));
    }

    private static SignInEvent event(StoredTransaction s, String factorType, String status, String reason) {
        return new SignInEvent(s.tx().id(), s.decoy() ? null : s.userId(), s.tx().plan().orgId(),
                s.tx().plan().connectionId(), null, factorType, status, reason);
    }


    public void auditRaw(EventType type, SignInEvent event) {
        audit.publish(type, event);
    }
}
