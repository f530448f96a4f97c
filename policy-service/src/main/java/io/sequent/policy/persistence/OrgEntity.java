package io.sequent.policy.persistence;

import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "org")
public class OrgEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "mfa_enforced", nullable = false)
    public boolean mfaEnforced;

    @Convert(converter = JsonConverters.OptionalStrings.class)
    @Column(name = "mfa_methods")
    public List<String> mfaMethods;

    @Convert(converter = JsonConverters.Strings.class)
    @Column(name = "mfa_exempt_roles", nullable = false)
    public List<String> mfaExemptRoles = List.of();

    @Convert(converter = JsonConverters.Strings.class)
    @Column(name = "mfa_exempt_connections", nullable = false)
    public List<String> mfaExemptConnections = List.of();

    @Column(name = "enforce_pwd_expiry_wo_pwd", nullable = false)
    public boolean enforcePasswordExpiryWithoutPassword;

    @Column(name = "mfa_in_use_since")
    public Instant mfaInUseSince;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public OrgMfa mfa() {
        return new OrgMfa(mfaEnforced, mfaMethods, mfaExemptRoles, mfaExemptConnections, enforcePasswordExpiryWithoutPassword);
    }

    public void setMfa(OrgMfa mfa) {
        mfaEnforced = mfa.enforced();
        mfaMethods = mfa.methods();
        mfaExemptRoles = mfa.exemptRoles();
        mfaExemptConnections = mfa.exemptConnections();
        enforcePasswordExpiryWithoutPassword = mfa.enforcePasswordExpiryWithoutPassword();
    }

    public OrgPolicy toPolicy() {
        return new OrgPolicy(id, code, name, mfa());
    }
}
