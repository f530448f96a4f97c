package io.sequent.policy.persistence;

import io.sequent.events.policy.PolicySnapshot.Connection;
import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "enterprise_connection")
public class ConnectionEntity {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConnectionKind kind;

    @Column(name = "org_id")
    public String orgId;

    public String issuer;

    @Column(name = "jwks_url")
    public String jwksUrl;

    public String audience;

    @Column(nullable = false)
    public long version;

    public Connection toConnection() {
        return new Connection(id, name, kind, orgId, issuer, jwksUrl, audience);
    }
}
