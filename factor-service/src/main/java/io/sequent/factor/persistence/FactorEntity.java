package io.sequent.factor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One enrollment. {@link #secret} is sealed (AES-256-GCM) under {@link #secretKeyId}; {@link #verifier} is a hash. */
@Entity
@Table(name = "factor")
public class FactorEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Convert(converter = FactorTypeConverter.class)
    @Column(name = "factor_type", nullable = false)
    public FactorType factorType;

    @Column(nullable = false)
    public String provider;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FactorStatus status;

    /** What responses show: a masked phone number or address, a device name. */
    public String display;

    /** For {@code question}: the question key from the catalogue. */
    public String question;

    @Column(name = "secret_key_id")
    public String secretKeyId;

    public byte[] secret;

    public String verifier;

    @Column(name = "last_totp_step")
    public Long lastTotpStep;

    /** WebAuthn: the credential id the authenticator chose at registration. */
    @Column(name = "webauthn_credential_id")
    public byte[] webauthnCredentialId;

    /** WebAuthn: the credential's COSE public key, CBOR-encoded. */
    @Column(name = "webauthn_public_key")
    public byte[] webauthnPublicKey;

    @Column(name = "webauthn_aaguid")
    public UUID webauthnAaguid;

    /** WebAuthn: the last signature counter seen; an assertion that does not raise it (unless both are 0) fails. */
    @Column(name = "webauthn_sign_count")
    public Long webauthnSignCount;

    /** WebAuthn: the attestation statement format of the registration (none, packed, ...). */
    @Column(name = "webauthn_format")
    public String webauthnFormat;

    /**
     * WebAuthn: whether the attestation's certificate path chained to a configured trust anchor at registration; null
     * for credentials registered before trust anchors were checked.
     */
    @Column(name = "webauthn_attestation_trusted")
    public Boolean webauthnAttestationTrusted;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Resets the enrollment: INACTIVE in a new version, its secret and verifier wiped. */
    public void retire(Instant now) {
        status = FactorStatus.INACTIVE;
        secret = null;
        secretKeyId = null;
        verifier = null;
        version++;
        updatedAt = now;
    }

    /** The associated data a sealed secret of this row is bound to. */
    public String secretContext() {
        return userId + "/" + id + "/" + factorType.wireName();
    }
}
