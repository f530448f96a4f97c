package io.sequent.directory.api;

import io.sequent.directory.domain.UserMapping;
import io.sequent.directory.persistence.DirectoryEntity;
import java.time.Instant;
import java.util.List;

/** A directory as the API shows it: the bind secret is never returned, only the id of the key sealing it. */
public record DirectoryView(String id, long version, String name, String url, String bindDn, String bindSecretKeyId,
                            String baseDn, String userFilter, List<String> scopeOus, int connectTimeoutMs,
                            int responseTimeoutMs, int poolSize, UserMapping mapping, Schedule schedule, Tls tls,
                            Long highWaterUsn, String changeMark, Instant lastFullImportAt, Instant lastIncrementalImportAt) {

    /** The CA certificate is public: it is shown as stored. */
    public record Tls(String caCertificate, boolean startTls, boolean verifyHostname) {
    }

    public record Schedule(int incrementalIntervalSeconds, int fullIntervalSeconds, boolean enabled,
                           boolean liveStatusEnabled, String whenUnreachable) {
    }

    public static DirectoryView of(DirectoryEntity d) {
        return new DirectoryView(d.id.toString(), d.version, d.name, d.url, d.bindDn, d.bindSecretKeyId, d.baseDn,
                d.userFilter, d.scopeOus, d.connectTimeoutMs, d.responseTimeoutMs, d.poolSize, d.mapping,
                new Schedule(d.incrementalIntervalSeconds, d.fullIntervalSeconds, d.scheduleEnabled, d.liveStatusEnabled,
                        d.liveStatusUnreachable), new Tls(d.caCertificate, d.startTls, d.tlsVerifyHostname),
                d.highWaterUsn, d.changeMark, d.lastFullAt, d.lastIncrementalAt);
    }
}
