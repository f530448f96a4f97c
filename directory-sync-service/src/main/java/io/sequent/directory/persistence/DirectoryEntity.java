package io.sequent.directory.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.sequent.directory.domain.Scope;
import io.sequent.directory.domain.SecretBox;
import io.sequent.directory.domain.UserMapping;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A directory to import from; its bind secret is stored sealed, never in clear. */
@Entity
@Table(name = "directory")
public class DirectoryEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(nullable = false)
    public long version;
    @Column(nullable = false)
    public String name;
    @Column(nullable = false)
    public String url;
    @Column(name = "bind_dn", nullable = false)
    public String bindDn;
    @Column(name = "bind_secret", nullable = false)
    public byte[] bindSecret;
    @Column(name = "bind_secret_key_id", nullable = false)
    public String bindSecretKeyId;
    @Column(name = "base_dn", nullable = false)
    public String baseDn;
    @Column(name = "user_filter", nullable = false)
    public String userFilter;
    @Convert(converter = JsonListConverters.Strings.class)
    @Column(name = "scope_ous", nullable = false)
    public List<String> scopeOus = List.of();
    @Column(name = "connect_timeout_ms", nullable = false)
    public int connectTimeoutMs;
    @Column(name = "response_timeout_ms", nullable = false)
    public int responseTimeoutMs;
    @Column(name = "pool_size", nullable = false)
    public int poolSize;
    @Convert(converter = MappingConverter.class)
    @Column(nullable = false)
    public UserMapping mapping;
    @Column(name = "incremental_interval_s", nullable = false)
    public int incrementalIntervalSeconds;
    @Column(name = "full_interval_s", nullable = false)
    public int fullIntervalSeconds;
    @Column(name = "schedule_enabled", nullable = false)
    public boolean scheduleEnabled;
    @Column(name = "live_status_enabled", nullable = false)
    public boolean liveStatusEnabled;
    @Column(name = "live_status_unreachable", nullable = false)
    public String liveStatusUnreachable;
    @Column(name = "high_water_usn")
    public Long highWaterUsn;
    /** The high-water mark of a non-AD directory ({@link io.sequent.directory.domain.ChangeMark#stored()}). */
    @Column(name = "change_mark")
    public String changeMark;
    @Column(name = "last_full_at")
    public Instant lastFullAt;
    @Column(name = "last_incremental_at")
    public Instant lastIncrementalAt;
    /** When the last import of any kind ended, successful or not (the scheduler's clock). */
    @Column(name = "last_attempt_at")
    public Instant lastAttemptAt;
    /** PEM certificates TLS trusts for this directory; null: the JVM's trust store. */
    @Column(name = "ca_certificate")
    public String caCertificate;
    @Column(name = "start_tls", nullable = false)
    public boolean startTls;
    @Column(name = "tls_verify_hostname", nullable = false)
    public boolean tlsVerifyHostname = true;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public SecretBox.Sealed sealedSecret() {
        return new SecretBox.Sealed(bindSecretKeyId, bindSecret);
    }

    public Scope scope() {
        return new Scope(baseDn, scopeOus);
    }
}
