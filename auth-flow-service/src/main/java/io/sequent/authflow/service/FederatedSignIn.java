package io.sequent.authflow.service;

import io.sequent.authflow.api.AuthnException;
import io.sequent.authflow.domain.flow.FlowEvent;
import io.sequent.authflow.domain.flow.SignInFlow;
import io.sequent.authflow.domain.policy.ActiveFactor;
import io.sequent.authflow.domain.policy.Decision;
import io.sequent.authflow.domain.policy.FactorTypes;
import io.sequent.authflow.domain.policy.PolicyEvaluator;
import io.sequent.authflow.domain.policy.RequestContext;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.authflow.persistence.StoredTransaction.FactorRef;
import io.sequent.authflow.persistence.TransactionStore;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.EventType;
import io.sequent.events.SignInEvent;
import io.sequent.events.UserSnapshot;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Connection;
import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/authn} with {@code context.connection} and an {@code assertion} (DESIGN §2): the
 * identity provider of an IDP or IWA connection did primary authentication (S5), so no chain factor
 * is prompted; the transaction starts as the user the assertion names, through that connection, and
 * goes on to org MFA (S8, S9) unless the connection is exempt, then the S2 status read and SUCCESS.
 * Every refusal (assertion, connection, user, policy) is the generic E0000004 (S1); its reason goes
 * to the {@code auth.signin.refused} audit event.
 */
@ApplicationScoped
public class FederatedSignIn {

    /** What the client sent; null means absent. {@code multiOptionalFactorEnroll}: Okta's option of that name. */
    public record Request(String connectionId, String assertion, String username, String relayState, String orgId,
                          String clientIp, boolean multiOptionalFactorEnroll) {
    }

    private final PolicySnapshots policies;
    private final AssertionVerifier assertions;
    private final UserReadModel users;
    private final HeldFactors held;
    private final TransactionStore store;
    private final Steps steps;
    private final PolicyEvaluator evaluator;
    private final Clock clock;

    public FederatedSignIn(PolicySnapshots policies, AssertionVerifier assertions, UserReadModel users,
                           HeldFactors held, TransactionStore store, Steps steps, Clock clock) {
        this.policies = policies;
        this.assertions = assertions;
        this.users = users;
        this.held = held;
        this.store = store;
        this.steps = steps;
        this.clock = clock;
        this.evaluator = new PolicyEvaluator(clock);
    }

    public Uni<AuthnOutcome> start(Request request) {
        if (request.assertion() == null || request.assertion().isBlank()) {
            throw AuthnException.validation("assertion: The field cannot be left blank with context.connection");
        }
        if (request.connectionId() == null || request.connectionId().isBlank()) {
            throw AuthnException.validation("context.connection: The field cannot be left blank with an assertion");
        }
        PolicySnapshot policy = policies.current().orElseThrow(AuthnException::unavailable);
        String connectionId = request.connectionId().strip();
        Connection connection = policy.connections().stream().filter(c -> c.id().equals(connectionId)).findFirst()
                .orElse(null);
        if (connection == null) {
            return refused(request, null, "UNKNOWN_CONNECTION");
        }
        if (connection.kind() != ConnectionKind.IDP && connection.kind() != ConnectionKind.IWA) {
            throw AuthnException.validation("context.connection: a " + connection.kind()
                    + " connection cannot sign in with a JWT assertion; IDP and IWA connections can");
        }
        return assertions.verify(connection, request.assertion().strip()).flatMap(result -> {
            if (result instanceof AssertionVerifier.Result.Rejected rejected) {
                return refused(request, null, rejected.reason());
            }
            var accepted = (AssertionVerifier.Result.Accepted) result;
            if (request.username() != null && !request.username().isBlank()
                    && !request.username().strip().equalsIgnoreCase(accepted.userClaim())) {
                return refused(request, null, "ASSERTION_USERNAME_MISMATCH");
            }
            return users.findForSignIn(accepted.userClaim()).flatMap(found -> {
                if (found.isEmpty()) {
                    return refused(request, null, "UNKNOWN_USER");
                }
                UserSnapshot user = found.get().user();
                String userId = user.userId();
                RequestContext context = new RequestContext(request.orgId(), connectionId, null, request.clientIp(), false);
                return held.of(userId, found.get().factors()).flatMap(active -> {
                    var enrolled = active.stream().map(f -> new ActiveFactor(f.id(), f.factorType())).toList();
                    Decision decision = evaluator.evaluate(user, enrolled, context, policy);
                    if (!(decision instanceof Decision.Allowed allowed)) {
                        String reason = decision instanceof Decision.Refused r ? r.reason().name() : "LOCKED_OUT";
                        return refused(request, userId, reason);
                    }
                    Map<String, FactorRef> refs = new LinkedHashMap<>();
                    active.forEach(f -> refs.put(f.id(), new FactorRef(f.factorType(), f.provider(), f.profile())));
                    var stored = new StoredTransaction(SignInFlow.start(UUID.randomUUID().toString(), allowed,
                            request.relayState(), request.multiOptionalFactorEnroll(), clock), false, userId,
                            user.username(), refs, null, null, null, null);
                    return store.create(stored).flatMap(token -> {
                        steps.audit(EventType.AUTH_SIGNIN_STARTED, stored, null, stored.tx().state().name(), null);
                        var verified = stored.with(steps.transition(stored, new FlowEvent.PrimaryAuthSucceeded()));
                        steps.audit(EventType.AUTH_SIGNIN_FACTOR_VERIFIED, stored,
                                FactorTypes.federated(allowed.plan().connectionKind()), null, null);
                        // a plan that ends here (S9: MFA needed, nothing held or enrollable) is refused by settle
                        return steps.settle(token, stored, verified);
                    });
                });
            });
        });
    }

    /** The generic failure (S1); the reason only in the audit event. */
    private Uni<AuthnOutcome> refused(Request request, String userId, String reason) {
        steps.auditRaw(EventType.AUTH_SIGNIN_REFUSED, new SignInEvent(UUID.randomUUID().toString(), userId,
                request.orgId(), request.connectionId(), request.clientIp(), null, "REFUSED",
                reason.toUpperCase(Locale.ROOT)));
        return Uni.createFrom().failure(AuthnException.authenticationFailed());
    }
}
