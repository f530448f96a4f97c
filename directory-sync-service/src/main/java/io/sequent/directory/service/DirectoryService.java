package io.sequent.directory.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.sequent.directory.api.DirectoryRequest;
import io.sequent.directory.api.ProblemException;
import io.sequent.directory.client.DirectoryRefusedException;
import io.sequent.directory.client.DirectoryUnavailableException;
import io.sequent.directory.client.LdapGateway;
import io.sequent.directory.client.LdapSettings;
import io.sequent.directory.client.LdapWorkers;
import io.sequent.directory.config.SecretBoxProducer;
import io.sequent.directory.domain.Dn;
import io.sequent.directory.domain.PemCertificates;
import io.sequent.directory.domain.SecretBox;
import io.sequent.directory.domain.UserMapping;
import io.sequent.directory.persistence.DirectoryEntity;
import io.sequent.directory.persistence.DirectoryRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Directories: their connection (checked against the real server before it is saved), mapping and
 * schedule. The bind secret is sealed with AES-256-GCM before it reaches the database.
 */
@ApplicationScoped
public class DirectoryService {

    private final DirectoryRepository directories;
    private final LdapGateway ldap;
    private final LdapWorkers workers;
    private final SecretBoxProducer.Keys keys;
    private final Clock clock;

    public DirectoryService(DirectoryRepository directories, LdapGateway ldap, LdapWorkers workers,
                            SecretBoxProducer.Keys keys, Clock clock) {
        this.directories = directories;
        this.ldap = ldap;
        this.workers = workers;
        this.keys = keys;
        this.clock = clock;
    }

    /** Validates and checks the configuration against the server, then stores it. */
    public Uni<DirectoryEntity> create(DirectoryRequest request) {
        if (request.bindPassword() == null) {
            throw new ProblemException(400, "Invalid request", "/bindPassword is required");
        }
        SecretBox box = box();
        DirectoryEntity draft = new DirectoryEntity();
        draft.id = UUID.randomUUID();
        draft.version = 1;
        draft.createdAt = now();
        fill(draft, request);
        var sealed = box.seal(request.bindPassword());
        draft.bindSecret = sealed.ciphertext();
        draft.bindSecretKeyId = sealed.keyId();
        return verify(draft, request.bindPassword()).chain(() -> insert(draft));
    }

    @WithTransaction
    Uni<DirectoryEntity> insert(DirectoryEntity draft) {
        return directories.findByName(draft.name).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("a directory named '" + draft.name + "' already exists");
            }
            return directories.persist(draft);
        }).invoke(d -> Log.infof("directory %s (%s) created", d.id, d.url));
    }

    /** Replaces the configuration when {@code ifMatch} (if given) is the current version. */
    public Uni<DirectoryEntity> replace(UUID id, DirectoryRequest request, Long ifMatch) {
        return get(id).chain(current -> {
            if (ifMatch != null && ifMatch != current.version) {
                throw new ProblemException(412, "Precondition Failed", "the directory is at version " + current.version);
            }
            DirectoryEntity draft = new DirectoryEntity();
            fill(draft, request);
            String password = request.bindPassword() != null ? request.bindPassword() : box().open(current.sealedSecret());
            return verify(draft, password).chain(() -> update(id, current.version, request));
        });
    }

    @WithTransaction
    Uni<DirectoryEntity> update(UUID id, long expectedVersion, DirectoryRequest request) {
        return directories.findById(id).chain(d -> {
            if (d == null) {
                throw ProblemException.notFound("directory " + id);
            }
            if (d.version != expectedVersion) {
                throw new ProblemException(412, "Precondition Failed", "the directory changed meanwhile; read it again");
            }
            return directories.find("lower(name) = lower(?1) and id <> ?2", request.name(), id).firstResult().map(other -> {
                if (other != null) {
                    throw ProblemException.conflict("a directory named '" + request.name() + "' already exists");
                }
                fill(d, request);
                if (request.bindPassword() != null) {
                    var sealed = box().seal(request.bindPassword());
                    d.bindSecret = sealed.ciphertext();
                    d.bindSecretKeyId = sealed.keyId();
                }
                d.version++;
                d.updatedAt = now();
                ldap.forget(d.id);
                return d;
            });
        });
    }

    @WithSession
    public Uni<DirectoryEntity> get(UUID id) {
        return directories.findById(id).onItem().ifNull().failWith(() -> ProblemException.notFound("directory " + id));
    }

    @WithSession
    public Uni<List<DirectoryEntity>> list() {
        return directories.all();
    }

    /** How to reach the directory, with its secret opened (kept in memory only). */
    public LdapSettings settings(DirectoryEntity d) {
        return new LdapSettings(d.url, d.bindDn, box().open(d.sealedSecret()), d.baseDn, d.connectTimeoutMs,
                d.responseTimeoutMs, d.poolSize, d.caCertificate, d.startTls, d.tlsVerifyHostname);
    }

    private Uni<Void> verify(DirectoryEntity draft, String password) {
        LdapSettings settings = new LdapSettings(draft.url, draft.bindDn, password, draft.baseDn, draft.connectTimeoutMs,
                draft.responseTimeoutMs, 1, draft.caCertificate, draft.startTls, draft.tlsVerifyHostname);
        return workers.call(() -> {
            ldap.verify(settings, draft.userFilter);
            return null;
        }).onFailure(DirectoryUnavailableException.class).transform(e -> new ProblemException(422,
                "Directory unreachable", e.getMessage() + "; check the URL, the port and the network"))
          .onFailure(DirectoryRefusedException.class).transform(e -> new ProblemException(422,
                "Directory refused the configuration", e.getMessage()))
          .replaceWithVoid();
    }

    private void fill(DirectoryEntity d, DirectoryRequest r) {
        try {
            LdapGateway.parseFilter(r.userFilter() == null ? DirectoryRequest.AD_USER_FILTER : r.userFilter());
        } catch (DirectoryRefusedException e) {
            throw new ProblemException(422, "Invalid user filter", e.getMessage());
        }
        d.name = r.name().trim();
        d.url = r.url().trim();
        d.bindDn = r.bindDn().trim();
        d.baseDn = r.baseDn().trim();
        d.userFilter = r.userFilter() == null || r.userFilter().isBlank() ? DirectoryRequest.AD_USER_FILTER : r.userFilter().trim();
        d.scopeOus = r.scopeOus() == null ? List.of() : r.scopeOus().stream().map(String::trim).toList();
        for (String ou : d.scopeOus) {
            if (!Dn.isWithin(ou, d.baseDn)) {
                throw new ProblemException(422, "Invalid scope", "the OU " + ou + " is not below the base DN " + d.baseDn);
            }
        }
        d.connectTimeoutMs = r.connectTimeoutMs() == null ? 3_000 : r.connectTimeoutMs();
        d.responseTimeoutMs = r.responseTimeoutMs() == null ? 10_000 : r.responseTimeoutMs();
        d.poolSize = r.poolSize() == null ? 4 : r.poolSize();
        d.mapping = mapping(r.mapping());
        var s = r.schedule();
        d.incrementalIntervalSeconds = s == null || s.incrementalIntervalSeconds() == null ? 5 : s.incrementalIntervalSeconds();
        d.fullIntervalSeconds = s == null || s.fullIntervalSeconds() == null ? 3_600 : s.fullIntervalSeconds();
        d.scheduleEnabled = s == null || s.enabled() == null || s.enabled();
        d.liveStatusEnabled = s == null || s.liveStatusEnabled() == null || s.liveStatusEnabled();
        d.liveStatusUnreachable = s == null || s.whenUnreachable() == null ? "LAST_IMPORTED" : s.whenUnreachable();
        var tls = r.tls();
        d.caCertificate = tls == null || tls.caCertificate() == null || tls.caCertificate().isBlank() ? null : tls.caCertificate().trim();
        if (d.caCertificate != null) {
            try {
                PemCertificates.parse(d.caCertificate, clock.instant());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(422, "Invalid CA certificate", "/tls/caCertificate: " + e.getMessage());
            }
        }
        d.startTls = tls != null && Boolean.TRUE.equals(tls.startTls());
        d.tlsVerifyHostname = tls == null || tls.verifyHostname() == null || tls.verifyHostname();
        if (d.startTls && d.url.toLowerCase(java.util.Locale.ROOT).startsWith("ldaps:")) {
            throw new ProblemException(422, "Invalid TLS settings", "/tls/startTls: an ldaps:// URL is TLS already; StartTLS is for ldap://");
        }
        d.updatedAt = now();
    }

    private static UserMapping mapping(DirectoryRequest.Mapping m) {
        if (m == null) {
            return UserMapping.activeDirectoryDefaults();
        }
        try {
            return new UserMapping(m.usernameAttribute() == null ? "sAMAccountName" : m.usernameAttribute(),
                    m.firstNameAttribute(), m.lastNameAttribute(), m.displayNameAttribute(), m.emailAttribute(),
                    m.orgSource(), m.orgAttribute(), m.fixedOrgId(), m.orgAliases(),
                    m.groupRoles() == null ? List.of() : m.groupRoles().stream()
                            .map(g -> new UserMapping.GroupRole(g.group(), g.role(), g.orgId())).toList(),
                    Boolean.TRUE.equals(m.nestedGroups()));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "Invalid mapping", "/mapping: " + e.getMessage());
        }
    }

    private SecretBox box() {
        return keys.box().orElseThrow(() -> new ProblemException(503, "Service Unavailable",
                "no key is configured to seal directory secrets (sequent.directory.secret-keys)"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
