package io.sequent.authflow.service;

import io.sequent.authflow.config.OAuthConfig;
import io.sequent.authflow.messaging.AuditEvents;
import io.sequent.authflow.persistence.Sessions;
import io.sequent.authflow.persistence.SessionTokens;
import io.sequent.authflow.persistence.TransactionStore;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.authflow.token.TokenIssuer;
import io.sequent.events.OrgMembership;
import io.sequent.events.SessionRevoked;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Turns a consumed session token into a session and its tokens (S13), and ends sessions: one by an
 * admin, or all of a user's when the directory disables or deletes them (S2). Every revoked session
 * publishes {@code auth.session.revoked}.
 */
@ApplicationScoped
public class SessionGrants {

    /** acr values: an MFA sign-in (two factor types, S9) or a single factor. */
    public static final String ACR_MFA = "urn:sequent:loa:2fa";
    public static final String ACR_SINGLE = "urn:sequent:loa:1fa";

    /** What the token endpoint answers. */
    public record Issued(Sessions.Session session, TokenIssuer.UserTokens tokens) {
    }

    private final Sessions sessions;
    private final UserReadModel users;
    private final TokenIssuer issuer;
    private final TransactionStore transactions;
    private final AuditEvents audit;
    private final OAuthConfig config;

    public SessionGrants(Sessions sessions, UserReadModel users, TokenIssuer issuer, TransactionStore transactions,
                         AuditEvents audit, OAuthConfig config) {
        this.sessions = sessions;
        this.users = users;
        this.issuer = issuer;
        this.transactions = transactions;
        this.audit = audit;
        this.config = config;
    }

    /**
     * A session and tokens for the grant; empty when the user is no longer ACTIVE in the read model
     * (disabled between SUCCESS and the exchange: S2 again).
     */
    public Uni<Optional<Issued>> issue(SessionTokens.Grant grant, String clientId, String scope, String nonce) {
        return users.findById(grant.userId()).flatMap(found -> {
            if (found.isEmpty() || found.get().status() != UserStatus.ACTIVE) {
                return Uni.createFrom().item(Optional.<Issued>empty());
            }
            UserSnapshot user = found.get();
            String acr = grant.amr().contains("mfa") ? ACR_MFA : ACR_SINGLE;
            Duration lifetime = grant.sessionLifetimeSeconds() > 0 ? Duration.ofSeconds(grant.sessionLifetimeSeconds())
                    : config.sessionLifetime();
            return sessions.create(grant, clientId, acr, lifetime).flatMap(session -> issuer.userTokens(
                    new TokenIssuer.UserClaims(user.userId(), user.username(), clientId, session.id(), grant.amr(), acr,
                            grant.orgId(), roles(user, grant.orgId()), scope, nonce,
                            grant.issuedAt() == null ? session.createdAt().getEpochSecond()
                                    : grant.issuedAt().getEpochSecond()))
                    .map(tokens -> Optional.of(new Issued(session, tokens))));
        });
    }

    /** Revokes one session; empty when it did not exist. */
    public Uni<Optional<Sessions.Session>> revoke(String sessionId, String reason) {
        return sessions.delete(sessionId).invoke(deleted -> deleted.ifPresent(s ->
                audit.sessionRevoked(new SessionRevoked(s.id(), s.userId(), reason))));
    }

    /** Revokes every session of the user; the ones revoked. */
    public Uni<List<Sessions.Session>> revokeAllOf(String userId, String reason) {
        return sessions.deleteAllOf(userId).invoke(deleted -> deleted.forEach(s ->
                audit.sessionRevoked(new SessionRevoked(s.id(), s.userId(), reason))));
    }

    /** S2: a disabled or deleted user's open sign-ins are cancelled and their sessions revoked. */
    public Uni<Void> endEverythingOf(String userId, String reason) {
        return transactions.cancelAllOf(userId).flatMap(cancelled -> revokeAllOf(userId, reason)).replaceWithVoid();
    }

    private static List<String> roles(UserSnapshot user, String orgId) {
        if (orgId == null || user.memberships() == null) {
            return List.of();
        }
        return user.memberships().stream().filter(m -> orgId.equals(m.orgId())).findFirst()
                .map(OrgMembership::roles).orElse(List.of());
    }
}
