package io.sequent.factor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.sequent.factor.domain.FactorStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FactorRepository implements PanacheRepositoryBase<FactorEntity, UUID> {

    /** A user's live enrollments (pending or active), oldest first. */
    public Uni<List<FactorEntity>> live(UUID userId) {
        return list("userId = ?1 and status <> ?2 order by createdAt, id", userId, FactorStatus.INACTIVE);
    }

    /** A user's live enrollments, oldest first, their rows locked until the transaction ends. */
    public Uni<List<FactorEntity>> liveForUpdate(UUID userId) {
        return find("userId = ?1 and status <> ?2 order by createdAt, id", userId, FactorStatus.INACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The user's live enrollment with this id; null when there is none. */
    public Uni<FactorEntity> findLive(UUID userId, UUID factorId) {
        return find("id = ?1 and userId = ?2 and status <> ?3", factorId, userId, FactorStatus.INACTIVE).firstResult();
    }

    /**
     * Replaces an active factor's verifier with {@code upgraded} if it still holds {@code seen}; answers whether it did.
     * One conditional UPDATE: a password changed or a factor reset meanwhile is never overwritten.
     */
    public Uni<Boolean> upgradeVerifier(UUID factorId, String seen, String upgraded) {
        return update("verifier = ?1 where id = ?2 and verifier = ?3 and status = ?4", upgraded, factorId, seen, FactorStatus.ACTIVE)
                .map(count -> count == 1);
    }

    /** The user's live enrollment with this id, its row locked until the transaction ends; null when there is none. */
    public Uni<FactorEntity> findLiveForUpdate(UUID userId, UUID factorId) {
        return find("id = ?1 and userId = ?2 and status <> ?3", factorId, userId, FactorStatus.INACTIVE)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Whether a live factor already holds this WebAuthn credential. */
    public Uni<Boolean> webAuthnCredentialInUse(byte[] credentialId) {
        return count("webauthnCredentialId = ?1 and status <> ?2", credentialId, FactorStatus.INACTIVE).map(n -> n > 0);
    }

    /**
     * Stores a WebAuthn signature counter if it is above the stored one (or both are 0: an authenticator
     * without a counter); answers whether it was. One conditional UPDATE, like the TOTP step.
     */
    public Uni<Boolean> advanceSignCount(UUID factorId, long signCount) {
        return update("webauthnSignCount = ?1 where id = ?2 and (webauthnSignCount < ?1 or (?1 = 0 and webauthnSignCount = 0))",
                signCount, factorId).map(count -> count == 1);
    }
}
