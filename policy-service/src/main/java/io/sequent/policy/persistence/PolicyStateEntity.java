package io.sequent.policy.persistence;

import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** The one row every change locks first: environment MFA (S7) and the snapshot version counter. */
@Entity
@Table(name = "policy_state")
public class PolicyStateEntity {

    public static final int ID = 1;

    @Id
    public int id;

    @Enumerated(EnumType.STRING)
    @Column(name = "env_mfa_mode", nullable = false)
    public MfaMode envMfaMode;

    @Convert(converter = JsonConverters.Strings.class)
    @Column(name = "env_mfa_methods", nullable = false)
    public List<String> envMfaMethods = List.of();

    @Column(name = "env_version", nullable = false)
    public long envVersion;

    @Column(name = "snapshot_version", nullable = false)
    public long snapshotVersion;

    public EnvironmentMfa environmentMfa() {
        return new EnvironmentMfa(envMfaMode, envMfaMethods);
    }
}
