package io.sequent.factor.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.events.EventType;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.SecretCipher;
import io.sequent.factor.domain.WebAuthnRelyingParty;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.persistence.FactorEntity;
import io.sequent.factor.persistence.FactorRepository;
import io.sequent.factor.persistence.FactorRows;
import io.sequent.factor.persistence.FactorUserEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Stored enrollments and their lifecycle; every change publishes its {@code factor.*} event through the outbox. */
@ApplicationScoped
public class FactorService {

    private final FactorRepository factors;
    private final FactorRows rows;
    private final SecretCipher cipher;
    private final FactorEvents events;
    private final Clock clock;

    FactorService(FactorRepository factors, FactorRows rows, SecretCipher cipher, FactorEvents events, Clock clock) {
        this.factors = factors;
        this.rows = rows;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    /** A user's live factors, or only those with {@code status}; 404 for an unknown user. One query ({@link FactorRows}). */
    public Uni<List<FactorEntity>> list(UUID userId, FactorStatus status) {
        return listing(userId, status).map(Listing::factors);
    }

    /** The factors {@link #list} answers and the version of the user's factor set, read in the same statement. */
    public record Listing(List<FactorEntity> factors, long factorsVersion) {
    }

    /** {@link #list} with the version of the user's factor set at the time of the read; 404 for an unknown user. */
    public Uni<Listing> listing(UUID userId, FactorStatus status) {
        return rows.list(userId, status).map(found -> {
            var known = known(userId, found);
            return new Listing(known.factors(), known.factorsVersion());
        });
    }

    /** A known user and one of their live factors, as a verification needs them. */
    public record Held(FactorUserEntity user, FactorEntity factor) {
    }

    /**
     * The user (known and not deleted) and one of their live factors, read in one query ({@link FactorRows}): a
     * sign-in's verification makes one round trip to the database, not one per read. 404 otherwise, for the user as
     * {@link UserDirectory#require} and for the factor as {@link #get} answer it.
     */
    public Uni<Held> held(UUID userId, UUID factorId) {
        return rows.held(userId, factorId).map(found -> {
            var held = known(userId, found);
            if (held.factors().isEmpty()) {
                throw ProblemException.notFound("factor " + factorId + " of user " + userId);
            }
            return new Held(held.user(), held.factors().get(0));
        });
    }

    private static FactorRows.UserFactors known(UUID userId, java.util.Optional<FactorRows.UserFactors> found) {
        UserDirectory.known(userId, found.map(FactorRows.UserFactors::user).orElse(null));
        return found.get();
    }

    /** One live factor of the user; 404 otherwise (whether the factor exists for someone else is not told). */
    @WithSession
    public Uni<FactorEntity> get(UUID userId, UUID factorId) {
        return factors.findLive(userId, factorId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("factor " + factorId + " of user " + userId));
    }

    /** An active push factor by id alone (the device endpoints know no user); 404 otherwise. */
    @WithSession
    public Uni<FactorEntity> activePush(UUID factorId) {
        return factors.findById(factorId).map(f -> {
            if (f == null || f.factorType != io.sequent.factor.domain.FactorType.PUSH || f.status != FactorStatus.ACTIVE) {
                throw ProblemException.notFound("push factor " + factorId);
            }
            return f;
        });
    }

    /** Stores a new enrollment, replacing a pending one of the same type; 409 when one is already active. */
    @WithTransaction
    public Uni<FactorEntity> enroll(UUID userId, EnrollCommand command) {
        return factors.live(userId).chain(live -> {
            // several WebAuthn authenticators may be active at once: only a pending one of them is replaced
            var same = live.stream().filter(f -> f.factorType == command.type())
                    .filter(f -> command.type() != FactorType.WEBAUTHN || f.status == FactorStatus.PENDING_ACTIVATION).findFirst();
            if (same.isPresent() && same.get().status == FactorStatus.ACTIVE) {
                return Uni.createFrom().failure(ProblemException.conflict("the user already has an active "
                        + command.type().wireName() + " factor (" + same.get().id + "); reset it first"));
            }
            Uni<Void> clear = same.isPresent() ? retire(same.get(), "replaced by a new enrollment")
                    .chain(() -> Panache.getSession()).chain(s -> s.flush()) : Uni.createFrom().voidItem();
            return clear.chain(() -> persistNew(userId, command));
        });
    }

    private Uni<FactorEntity> persistNew(UUID userId, EnrollCommand command) {
        Instant now = now();
        FactorEntity f = new FactorEntity();
        f.id = UUID.randomUUID();
        f.userId = userId;
        f.factorType = command.type();
        f.provider = command.provider();
        f.status = command.initialStatus();
        f.display = command.display();
        f.question = command.question();
        f.verifier = command.verifier();
        f.version = 1;
        f.createdAt = now;
        f.updatedAt = now;
        if (command.secret() != null) {
            seal(f, command.secret());
        }
        // each event flushes the insert, then takes its own version of the user's factor set: activated the later one
        return factors.persist(f)
                .call(() -> events.publish(EventType.FACTOR_ENROLLED, f, null, now))
                .call(() -> f.status == FactorStatus.ACTIVE ? events.publish(EventType.FACTOR_ACTIVATED, f, null, now)
                        : Uni.createFrom().voidItem())
                .invoke(() -> Log.infof("user %s enrolled factor %s (%s)", userId, f.id, f.factorType.wireName()));
    }

    /** The factor's secret, sealed under the current key for this factor (what {@link SecretCipher} opens again). */
    private void seal(FactorEntity f, byte[] secret) {
        SecretCipher.Sealed sealed = cipher.seal(secret, f.secretContext());
        f.secretKeyId = sealed.keyId();
        f.secret = sealed.bytes();
    }

    /** A pending factor becomes ACTIVE in a new version and {@code factor.activated} goes out with it (the outbox). */
    private Uni<FactorEntity> markActive(FactorEntity f) {
        f.status = FactorStatus.ACTIVE;
        f.version++;
        f.updatedAt = now();
        return events.publish(EventType.FACTOR_ACTIVATED, f, null, f.updatedAt).replaceWith(f);
    }

    /** Marks a pending factor active (its check already passed). */
    @WithTransaction
    public Uni<FactorEntity> activate(UUID userId, UUID factorId) {
        return factors.findLive(userId, factorId).chain(f -> {
            if (f == null) {
                return Uni.createFrom().failure(ProblemException.notFound("factor " + factorId + " of user " + userId));
            }
            if (f.status == FactorStatus.ACTIVE) {
                return Uni.createFrom().failure(ProblemException.conflict("factor " + factorId + " is already active"));
            }
            return markActive(f).invoke(() -> Log.infof("user %s activated factor %s", userId, factorId));
        });
    }

    /** Records an accepted TOTP step unless it (or a later one) was already accepted: the replay check. */
    public Uni<Boolean> acceptTotpStep(UUID factorId, long step) {
        return rows.acceptTotpStep(factorId, step);
    }

    /** Stores a WebAuthn signature counter if it grew (see {@link FactorRepository#advanceSignCount}). */
    @WithTransaction
    public Uni<Boolean> advanceSignCount(UUID factorId, long signCount) {
        return factors.advanceSignCount(factorId, signCount);
    }

    /** Stores a verified WebAuthn credential on its pending factor and activates it; 409 when the credential is already enrolled. */
    @WithTransaction
    public Uni<FactorEntity> activateWebAuthn(UUID userId, UUID factorId, WebAuthnRelyingParty.Credential credential) {
        return factors.webAuthnCredentialInUse(credential.credentialId()).chain(inUse -> {
            if (inUse) {
                return Uni.createFrom().failure(ProblemException.conflict("this authenticator is already enrolled"));
            }
            return factors.findLive(userId, factorId);
        }).chain(f -> {
            if (f == null || f.status != FactorStatus.PENDING_ACTIVATION) {
                return Uni.createFrom().failure(ProblemException.conflict("factor " + factorId + " is no longer pending"));
            }
            f.webauthnCredentialId = credential.credentialId();
            f.webauthnPublicKey = credential.coseKey();
            f.webauthnAaguid = credential.aaguid();
            f.webauthnSignCount = credential.signCount();
            f.webauthnFormat = credential.format();
            f.webauthnAttestationTrusted = credential.attestationTrusted();
            return markActive(f).invoke(() -> Log.infof("user %s activated WebAuthn factor %s (%s attestation, %s, AAGUID %s)",
                    userId, factorId, credential.format(), credential.attestationTrusted() ? "trusted" : "not trusted",
                    credential.aaguid()));
        });
    }

    /**
     * Stores the key a device sent for its pending push factor, sealed as an enrollment with a key seals it, names the
     * device ({@code deviceName}, when given, replaces the name of the enrollment) and activates the factor; the row is
     * locked, so of two activations at once one succeeds. 409 when the factor is no longer a pending push factor.
     */
    @WithTransaction
    public Uni<FactorEntity> activatePush(UUID factorId, String publicKey, String deviceName) {
        return factors.findById(factorId, LockModeType.PESSIMISTIC_WRITE).chain(f -> {
            if (f == null || f.factorType != FactorType.PUSH || f.status != FactorStatus.PENDING_ACTIVATION) {
                return Uni.createFrom().failure(ProblemException.conflict("factor " + factorId + " is no longer a pending push factor"));
            }
            if (deviceName != null && !deviceName.isBlank()) {
                f.display = deviceName.strip();
            }
            seal(f, publicKey.getBytes(StandardCharsets.UTF_8));
            return markActive(f).invoke(() -> Log.infof("user %s activated push factor %s (%s) from the device", f.userId,
                    factorId, f.display));
        });
    }

    /**
     * Replaces a local password's hash if the factor is still at {@code seenVersion} (no change in between); the
     * version grows and {@code factor.reset} (status ACTIVE, reason "password changed") is published. Answers whether
     * it was replaced.
     */
    @WithTransaction
    public Uni<Boolean> replacePassword(UUID userId, UUID factorId, long seenVersion, String hash) {
        return factors.findLiveForUpdate(userId, factorId).chain(f -> {
            if (f == null || f.status != FactorStatus.ACTIVE || f.version != seenVersion) {
                return Uni.createFrom().item(false);
            }
            f.verifier = hash;
            f.version++;
            f.updatedAt = now();
            return events.publish(EventType.FACTOR_RESET, f, "password changed", f.updatedAt).replaceWith(true);
        });
    }

    /**
     * Stores a new hash of the same secret (current parameters or key) in place of the one that just verified, if the
     * factor still holds {@code seen}. The credential did not change, so neither do the version (ETag) nor the events:
     * no {@code factor.reset}, which would tell consumers that the credential was replaced.
     */
    @WithTransaction
    public Uni<Boolean> upgradeVerifier(UUID factorId, String seen, String upgraded) {
        return factors.upgradeVerifier(factorId, seen, upgraded);
    }

    /**
     * Resets (deletes) a factor: it becomes INACTIVE and its secret is wiped. {@code ifMatch}: the version the caller
     * read (412 when it changed), checked on the row locked for the transaction; null for no check.
     */
    @WithTransaction
    public Uni<FactorEntity> reset(UUID userId, UUID factorId, String ifMatch) {
        return factors.findLiveForUpdate(userId, factorId).chain(f -> {
            if (f == null) {
                return Uni.createFrom().failure(ProblemException.notFound("factor " + factorId + " of user " + userId));
            }
            ProblemException.requireMatch(ifMatch, f.version, "factor " + factorId);
            return retire(f, "reset").replaceWith(f);
        });
    }

    /** Publishes {@code factor.locked}. */
    @WithTransaction
    public Uni<Void> publishLocked(FactorEntity factor, Instant until) {
        return events.publishLocked(factor, "too many failed verifications", until, now())
                .invoke(() -> Log.infof("user %s factor %s locked until %s", factor.userId, factor.id, until));
    }

    /** Opens the factor's sealed secret. */
    public byte[] openSecret(FactorEntity f) {
        if (f.secret == null) {
            throw new IllegalStateException("factor " + f.id + " holds no secret");
        }
        return cipher.open(new SecretCipher.Sealed(f.secretKeyId, f.secret), f.secretContext());
    }

    private Uni<Void> retire(FactorEntity f, String reason) {
        f.retire(now());
        return events.publish(EventType.FACTOR_RESET, f, reason, f.updatedAt)
                .invoke(() -> Log.infof("user %s factor %s reset (%s)", f.userId, f.id, reason));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
