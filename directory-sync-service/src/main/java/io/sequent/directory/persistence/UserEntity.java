package io.sequent.directory.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.sequent.events.OrgMembership;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "directory_user")
public class UserEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public long version;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserSource source;

    @Column(name = "directory_id")
    public UUID directoryId;

    @Column(name = "external_id")
    public String externalId;

    @Column(nullable = false)
    public String username;

    /** The entry's DN in its directory (used to bind as the user); null for LOCAL users. */
    public String dn;

    public String email;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "display_name")
    public String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UserStatus status;

    @Column(name = "password_expired", nullable = false)
    public boolean passwordExpired;

    @Column(name = "password_must_change", nullable = false)
    public boolean passwordMustChange;

    @Column(name = "password_expires_at")
    public Instant passwordExpiresAt;

    @Column(name = "account_expires_at")
    public Instant accountExpiresAt;

    /** DISABLED when an admin disabled this imported user in Sequent; imports then keep it DISABLED. */
    @Column(name = "status_override")
    public String statusOverride;

    @Column(name = "default_org_id")
    public String defaultOrgId;

    @Convert(converter = JsonListConverters.Memberships.class)
    @Column(nullable = false)
    public List<OrgMembership> memberships = List.of();

    @Convert(converter = JsonListConverters.Strings.class)
    @Column(nullable = false)
    public List<String> groups = List.of();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The changeable facts, to compare with what an import or an admin would make of them. */
    public io.sequent.directory.domain.UserFacts facts() {
        return new io.sequent.directory.domain.UserFacts(username, email, firstName, lastName, displayName, status,
                passwordExpired, passwordMustChange, passwordExpiresAt, accountExpiresAt, defaultOrgId, memberships, groups);
    }

    /** Sets the changeable facts; the caller bumps the version. */
    public void apply(io.sequent.directory.domain.UserFacts f) {
        username = f.username();
        email = f.email();
        firstName = f.firstName();
        lastName = f.lastName();
        displayName = f.displayName();
        status = f.status();
        passwordExpired = f.passwordExpired();
        passwordMustChange = f.passwordMustChange();
        passwordExpiresAt = f.passwordExpiresAt();
        accountExpiresAt = f.accountExpiresAt();
        defaultOrgId = f.defaultOrgId();
        memberships = f.memberships();
        groups = f.groups();
    }

    /** The state every {@code directory.user.*} event carries. */
    public UserSnapshot toSnapshot() {
        return new UserSnapshot(id.toString(), version, source, directoryId == null ? null : directoryId.toString(),
                externalId, username, email, firstName, lastName, displayName, status, passwordExpired,
                passwordMustChange, passwordExpiresAt, accountExpiresAt, defaultOrgId, memberships, groups, updatedAt);
    }
}
