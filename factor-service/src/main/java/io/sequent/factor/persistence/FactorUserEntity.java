package io.sequent.factor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What factor-service knows of a user: their source and latest status, from the users topic. */
@Entity
@Table(name = "factor_user")
public class FactorUserEntity extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(nullable = false)
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserSource source;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserStatus status;

    @Column(nullable = false)
    public String username;

    /** The user's groups, a JSON array of strings (see {@link FactorUserRepository#applyIfNewer}). */
    @Column(nullable = false)
    public String groups;

    /** The orgs the user is a member of, a JSON array of org ids. */
    @Column(name = "org_ids", nullable = false)
    public String orgIds;

    @Column(name = "default_org_id")
    public String defaultOrgId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
