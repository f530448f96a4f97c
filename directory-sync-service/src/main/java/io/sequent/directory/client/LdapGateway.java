package io.sequent.directory.client;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import io.sequent.directory.domain.PemCertificates;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.sequent.directory.domain.BindDiagnostics;
import io.sequent.directory.domain.BindOutcome;
import io.sequent.directory.domain.DirectoryEntry;
import io.sequent.directory.domain.Guids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.SocketFactory;

/**
 * Blocking LDAP operations with the UnboundID SDK. Callers run them on the LDAP worker pool
 * ({@link LdapWorkers}), never on an event-loop thread. Connection pools are kept per directory and
 * replaced when the directory's configuration version changes. Referrals are never followed (AD
 * returns references to hosts that need not resolve).
 */
@ApplicationScoped
public class LdapGateway {

    /** AD's show-deleted control: tombstones in CN=Deleted Objects become visible. */
    public static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";
    /**
     * The stored account-control attributes an import reads. The constructed ones are left out of bulk reads:
     * the server computes them per entry (on the sample AD they add about 90% to a 5,000-user search), and
     * the same facts follow from these with the domain's maxPwdAge and lockoutDuration.
     */
    public static final List<String> ACCOUNT_ATTRIBUTES = List.of("objectGUID", "entryUUID", "userAccountControl",
            "pwdLastSet", "lockoutTime", "accountExpires", "uSNChanged");
    /** A single user's live read also asks for the constructed attributes (fine-grained password policies). */
    public static final List<String> LIVE_ATTRIBUTES = List.of("objectGUID", "entryUUID", "userAccountControl",
            "msDS-User-Account-Control-Computed", "pwdLastSet", "lockoutTime", "accountExpires",
            "msDS-UserPasswordExpiryTimeComputed", "uSNChanged");

    /**
     * Per directory: the service account's connections, the connections binds are checked on, and the service
     * account's synchronous-mode connections that stream big searches (see {@link #search}).
     */
    private record Pools(long version, LDAPConnectionPool service, LDAPConnectionPool binds, LDAPConnectionPool streams) {
        void close() {
            service.close();
            binds.close();
            streams.close();
        }
    }

    /** The domain's password and lockout policy (AD stores both as negative 100-ns intervals). */
    public record DomainPolicy(Duration maxPasswordAge, Duration lockoutDuration) {
    }

    private final Map<UUID, Pools> pools = new ConcurrentHashMap<>();
    /** Directories whose server limits unpaged searches (AD's MaxPageSize): they always get the paged-results control. */
    private final Set<UUID> pagingRequired = ConcurrentHashMap.newKeySet();

    /** Connects, binds as the service account, and reads the base entry and the filter once. */
    public void verify(LdapSettings settings, String userFilter) {
        Filter filter = parseFilter(userFilter);
        try (LDAPConnection conn = connect(settings)) {
            SearchRequest base = new SearchRequest(settings.baseDn(), SearchScope.BASE, Filter.present("objectClass"), "1.1");
            base.setResponseTimeoutMillis(settings.responseTimeoutMs());
            SearchResult result = conn.search(base);
            if (result.getEntryCount() == 0) {
                throw new DirectoryRefusedException("the base DN " + settings.baseDn() + " does not exist");
            }
            SearchRequest probe = new SearchRequest(settings.baseDn(), SearchScope.SUB, filter, "1.1");
            probe.setSizeLimit(1);
            probe.setResponseTimeoutMillis(settings.responseTimeoutMs());
            try {
                conn.search(probe);
            } catch (LDAPSearchException e) {
                if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                    throw e;
                }
            }
        } catch (LDAPException e) {
            throw translate(settings, e, "verify");
        }
    }

    public static Filter parseFilter(String userFilter) {
        try {
            return Filter.create(userFilter);
        } catch (LDAPException e) {
            throw new DirectoryRefusedException("the user filter is not a valid LDAP filter: " + e.getDiagnosticMessage());
        }
    }

    /**
     * Every entry below {@code base} matching {@code filter}, handed to {@code onPage} in chunks of {@code pageSize}
     * as they arrive. The fastest way a server allows: first one unpaged search streamed over a synchronous-mode
     * connection, so the socket is read only as fast as {@code onPage} consumes and memory holds one chunk
     * (Samba answers it about three times faster than the same search with the paged-results control, which it
     * serves by looking every entry up again by GUID). A server that limits unpaged searches (AD's MaxPageSize
     * answers sizeLimitExceeded after 1,000 entries; other servers adminLimitExceeded) gets the paged-results
     * control from the start, and is remembered. Entries of a cut-off unpaged search may thus be handed over twice:
     * callers skip what they saw or apply idempotently.
     */
    public void search(UUID directoryId, long version, LdapSettings settings, String base, Filter filter,
                       List<String> attributes, int pageSize, boolean showDeleted, Consumer<List<DirectoryEntry>> onPage) {
        if (!pagingRequired.contains(directoryId)) {
            try {
                streamUnpaged(directoryId, version, settings, base, filter, attributes, pageSize, showDeleted, onPage);
                return;
            } catch (PagingRequired e) {
                Log.infof("directory %s limits unpaged searches (%s): using the paged-results control", directoryId, e.getMessage());
                pagingRequired.add(directoryId);
            }
        }
        pagedSearch(directoryId, version, settings, base, filter, attributes, pageSize, showDeleted, onPage);
    }

    private static final class PagingRequired extends RuntimeException {
        PagingRequired(String why) {
            super(why, null, false, false);
        }
    }

    private void streamUnpaged(UUID directoryId, long version, LdapSettings settings, String base, Filter filter,
                               List<String> attributes, int pageSize, boolean showDeleted,
                               Consumer<List<DirectoryEntry>> onPage) {
        LDAPConnectionPool streams = pools(directoryId, version, settings).streams();
        LDAPConnection conn;
        try {
            conn = streams.getConnection();
        } catch (LDAPException e) {
            throw translate(settings, e, "connect");
        }
        var chunker = new Chunker(conn, pageSize, onPage);
        boolean healthy = false;
        try {
            SearchRequest request = new SearchRequest(chunker, base, SearchScope.SUB, filter, attributes.toArray(String[]::new));
            request.setResponseTimeoutMillis(settings.responseTimeoutMs());
            if (showDeleted) {
                request.addControl(new Control(SHOW_DELETED_OID, true));
            }
            try {
                conn.search(request);
            } catch (LDAPSearchException e) {
                chunker.rethrowFailure();
                if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED || e.getResultCode() == ResultCode.ADMIN_LIMIT_EXCEEDED) {
                    healthy = true;
                    throw new PagingRequired(e.getResultCode().getName() + " after " + chunker.delivered + " entries");
                }
                throw translate(settings, e, "search");
            }
            chunker.flush();
            chunker.rethrowFailure();
            healthy = true;
        } finally {
            if (healthy) {
                streams.releaseConnection(conn);
            } else {
                streams.releaseDefunctConnection(conn);
            }
        }
    }

    /** Collects streamed entries into chunks; a failing consumer closes the connection, which ends the search. */
    private static final class Chunker implements SearchResultListener {
        private final transient LDAPConnection conn;
        private final int size;
        private final transient Consumer<List<DirectoryEntry>> onPage;
        private transient List<DirectoryEntry> chunk;
        private transient RuntimeException failure;
        int delivered;

        Chunker(LDAPConnection conn, int size, Consumer<List<DirectoryEntry>> onPage) {
            this.conn = conn;
            this.size = size;
            this.onPage = onPage;
            this.chunk = new ArrayList<>(size);
        }

        @Override
        public void searchEntryReturned(SearchResultEntry entry) {
            if (failure != null) {
                return;
            }
            toEntry(entry).ifPresent(chunk::add);
            if (chunk.size() >= size) {
                flush();
            }
        }

        @Override
        public void searchReferenceReturned(SearchResultReference reference) {
            // referrals are never followed
        }

        void flush() {
            if (chunk.isEmpty() || failure != null) {
                return;
            }
            List<DirectoryEntry> full = chunk;
            chunk = new ArrayList<>(size);
            try {
                onPage.accept(full);
                delivered += full.size();
            } catch (RuntimeException e) {
                failure = e;
                conn.close();
            }
        }

        void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Pages through every entry below {@code base} matching {@code filter}, handing each page to {@code onPage}. */
    public void pagedSearch(UUID directoryId, long version, LdapSettings settings, String base, Filter filter,
                            List<String> attributes, int pageSize, boolean showDeleted, Consumer<List<DirectoryEntry>> onPage) {
        LDAPConnectionPool pool = pools(directoryId, version, settings).service();
        byte[] cookie = null;
        do {
            SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes.toArray(String[]::new));
            request.setResponseTimeoutMillis(settings.responseTimeoutMs());
            List<Control> controls = new ArrayList<>();
            controls.add(new SimplePagedResultsControl(pageSize, cookie == null ? null : new com.unboundid.asn1.ASN1OctetString(cookie), true));
            if (showDeleted) {
                controls.add(new Control(SHOW_DELETED_OID, true));
            }
            request.setControls(controls);
            SearchResult result;
            try {
                result = pool.search(request);
            } catch (LDAPException e) {
                throw translate(settings, e, "search");
            }
            List<DirectoryEntry> page = new ArrayList<>(result.getEntryCount());
            for (SearchResultEntry entry : result.getSearchEntries()) {
                toEntry(entry).ifPresent(page::add);
            }
            onPage.accept(page);
            SimplePagedResultsControl paged;
            try {
                paged = SimplePagedResultsControl.get(result);
            } catch (LDAPException e) {
                throw new DirectoryRefusedException("the directory answered with a broken paged-results control");
            }
            cookie = paged != null && paged.moreResultsToReturn() ? paged.getCookie().getValue() : null;
        } while (cookie != null);
    }

    /** AD's LDAP_MATCHING_RULE_IN_CHAIN: membership through any chain of nested groups. */
    public static final String IN_CHAIN_OID = "1.2.840.113556.1.4.1941";

    /** {@code (memberOf:1.2.840.113556.1.4.1941:=groupDn)}: members of the group, directly or through nested groups. */
    public static Filter memberOfInChain(String groupDn) {
        return Filter.createExtensibleMatchFilter("memberOf", IN_CHAIN_OID, false, groupDn);
    }

    /** The DNs of the groups below the base DN whose CN is {@code cn}. */
    public List<String> groupDns(UUID directoryId, long version, LdapSettings settings, String cn) {
        List<String> dns = new ArrayList<>();
        search(directoryId, version, settings, settings.baseDn(), Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "group"), Filter.createEqualityFilter("cn", cn)),
                List.of("objectGUID", "entryUUID"), 100, false, page -> page.forEach(e -> dns.add(e.dn())));
        return dns;
    }

    /** The DNs of the groups nested in {@code groupDn} at any depth (AD's LDAP_MATCHING_RULE_IN_CHAIN). */
    public List<String> nestedGroups(UUID directoryId, long version, LdapSettings settings, String groupDn) {
        List<String> dns = new ArrayList<>();
        search(directoryId, version, settings, settings.baseDn(), Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", "group"), memberOfInChain(groupDn)),
                List.of("objectGUID", "entryUUID"), 500, false, page -> page.forEach(e -> dns.add(e.dn())));
        return dns;
    }

    /** One entry by DN, or empty when it no longer exists there. */
    public Optional<DirectoryEntry> read(UUID directoryId, long version, LdapSettings settings, String dn, List<String> attributes) {
        try {
            SearchResultEntry entry = pools(directoryId, version, settings).service()
                    .getEntry(dn, attributes.toArray(String[]::new));
            return entry == null ? Optional.empty() : toEntry(entry);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw translate(settings, e, "read");
        }
    }

    /** One user by its stable id anywhere below the base DN (it may have moved), or empty. */
    public Optional<DirectoryEntry> findByGuid(UUID directoryId, long version, LdapSettings settings, UUID guid,
                                               List<String> attributes) {
        List<DirectoryEntry> found = new ArrayList<>();
        Filter filter;
        try {
            filter = Filter.create("(objectGUID=" + Guids.filterValue(guid) + ")");
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
        pagedSearch(directoryId, version, settings, settings.baseDn(), filter, attributes, 10, false, found::addAll);
        return found.stream().findFirst();
    }

    /** The directory's {@code highestCommittedUSN}; empty for a server that has none (not AD). */
    public Optional<Long> highestCommittedUsn(UUID directoryId, long version, LdapSettings settings) {
        try {
            var dse = pools(directoryId, version, settings).service().getRootDSE();
            return dse == null ? Optional.empty() : Optional.ofNullable(dse.getAttributeValueAsLong("highestCommittedUSN"));
        } catch (LDAPException e) {
            throw translate(settings, e, "read the root DSE");
        }
    }

    public DomainPolicy domainPolicy(UUID directoryId, long version, LdapSettings settings) {
        Optional<DirectoryEntry> base = read(directoryId, version, settings, settings.baseDn(),
                List.of("objectGUID", "entryUUID", "maxPwdAge", "lockoutDuration"));
        return new DomainPolicy(interval(base.map(b -> b.longValue("maxPwdAge")).orElse(null)),
                interval(base.map(b -> b.longValue("lockoutDuration")).orElse(null)));
    }

    private static Duration interval(Long negative100ns) {
        if (negative100ns == null || negative100ns == 0 || negative100ns == Long.MIN_VALUE) {
            return null;
        }
        return Duration.ofNanos(Math.multiplyExact(Math.abs(negative100ns), 100L));
    }

    /** Checks {@code password} by binding as {@code userDn}; throws {@link DirectoryUnavailableException} when it cannot tell. */
    public BindOutcome bind(UUID directoryId, long version, LdapSettings settings, String userDn, String password) {
        if (password == null || password.isEmpty()) {
            return BindOutcome.INVALID_CREDENTIALS; // an empty simple bind is an anonymous bind: never a check
        }
        try {
            pools(directoryId, version, settings).binds().bind(new SimpleBindRequest(userDn, password));
            return BindOutcome.SUCCESS;
        } catch (LDAPException e) {
            return BindDiagnostics.classify(e.getResultCode().intValue(), e.getDiagnosticMessage())
                    .orElseThrow(() -> translate(settings, e, "bind"));
        }
    }

    /** Drops the pools of a directory (its configuration changed or it was removed). */
    public void forget(UUID directoryId) {
        pagingRequired.remove(directoryId);
        Pools old = pools.remove(directoryId);
        if (old != null) {
            old.close();
        }
    }

    void close(@Observes ShutdownEvent ignored) {
        pools.values().forEach(Pools::close);
        pools.clear();
    }

    private Pools pools(UUID directoryId, long version, LdapSettings settings) {
        Pools current = pools.get(directoryId);
        if (current != null && current.version() == version) {
            return current;
        }
        synchronized (this) {
            current = pools.get(directoryId);
            if (current != null && current.version() == version) {
                return current;
            }
            try {
                LDAPURL url = new LDAPURL(settings.url());
                SingleServerSet servers = new SingleServerSet(url.getHost(), url.getPort(), socketFactory(url, settings), options(settings));
                var service = new LDAPConnectionPool(servers, new SimpleBindRequest(settings.bindDn(), settings.bindPassword()),
                        1, Math.max(1, settings.poolSize()), startTls(settings));
                service.setMaxWaitTimeMillis(settings.responseTimeoutMs());
                service.setRetryFailedOperationsDueToInvalidConnections(true);
                var binds = new LDAPConnectionPool(servers, null, 0, Math.max(1, settings.poolSize()), startTls(settings));
                binds.setMaxWaitTimeMillis(settings.responseTimeoutMs());
                binds.setRetryFailedOperationsDueToInvalidConnections(true);
                LDAPConnectionOptions sync = options(settings);
                sync.setUseSynchronousMode(true);
                sync.setAbandonOnTimeout(false);
                var streams = new LDAPConnectionPool(new SingleServerSet(url.getHost(), url.getPort(), socketFactory(url, settings), sync),
                        new SimpleBindRequest(settings.bindDn(), settings.bindPassword()), 0, Math.max(3, settings.poolSize()),
                        startTls(settings));
                streams.setMaxWaitTimeMillis(settings.responseTimeoutMs());
                Pools created = new Pools(version, service, binds, streams);
                Pools replaced = pools.put(directoryId, created);
                if (replaced != null) {
                    replaced.close();
                }
                return created;
            } catch (LDAPException e) {
                throw translate(settings, e, "connect");
            }
        }
    }

    private static LDAPConnection connect(LdapSettings settings) throws LDAPException {
        LDAPURL url = new LDAPURL(settings.url());
        LDAPConnection conn = new LDAPConnection(socketFactory(url, settings), options(settings), url.getHost(), url.getPort());
        try {
            var upgrade = startTls(settings);
            if (upgrade != null) {
                upgrade.processPreAuthenticatedConnection(conn);
            }
            conn.bind(new SimpleBindRequest(settings.bindDn(), settings.bindPassword()));
            return conn;
        } catch (LDAPException e) {
            conn.close();
            throw e;
        }
    }

    private static LDAPConnectionOptions options(LdapSettings settings) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(settings.connectTimeoutMs());
        options.setResponseTimeoutMillis(settings.responseTimeoutMs());
        options.setFollowReferrals(false);
        options.setAbandonOnTimeout(true);
        options.setUseSynchronousMode(false);
        return options;
    }

    /** Plain sockets for ldap:// (StartTLS upgrades them later), TLS for ldaps://. */
    private static SocketFactory socketFactory(LDAPURL url, LdapSettings settings) throws LDAPException {
        if (!"ldaps".equalsIgnoreCase(url.getScheme())) {
            return SocketFactory.getDefault();
        }
        try {
            return tls(settings);
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "TLS cannot be set up: " + e.getMessage());
        }
    }

    /** The StartTLS upgrade every new connection gets before it binds, or null without StartTLS. */
    private static StartTLSPostConnectProcessor startTls(LdapSettings settings) throws LDAPException {
        if (!settings.startTls()) {
            return null;
        }
        try {
            return new StartTLSPostConnectProcessor(tls(settings));
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "TLS cannot be set up: " + e.getMessage());
        }
    }

    /**
     * Whom TLS trusts: the directory's own CA certificates when it has some (a private CA, like the one AD
     * Certificate Services or Samba generate), else the JVM's trust store; never "trust all".
     */
    private static SSLSocketFactory tls(LdapSettings settings) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (settings.caCertificate() == null) {
            factory.init((java.security.KeyStore) null);
        } else {
            factory.init(PemCertificates.trustStore(PemCertificates.parse(settings.caCertificate(), java.time.Instant.now())));
        }
        // the JDK's own TLS sockets (SSLUtil's factory wraps them in a class that is no SSLSocket, hiding its parameters)
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        SSLSocketFactory sockets = context.getSocketFactory();
        // the JDK checks the certificate against the host during the handshake (RFC 2830 rules, "LDAPS")
        return settings.verifyHostname() ? new HostCheckingSocketFactory(sockets) : sockets;
    }

    /** Sets endpoint identification on every TLS socket it makes (ldaps:// and StartTLS alike). */
    private static final class HostCheckingSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        HostCheckingSocketFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static java.net.Socket check(java.net.Socket socket) {
            if (socket instanceof javax.net.ssl.SSLSocket ssl) {
                javax.net.ssl.SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("LDAPS");
                ssl.setSSLParameters(parameters);
            }
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public java.net.Socket createSocket(java.net.Socket s, String host, int port, boolean autoClose) throws java.io.IOException {
            return check(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            return check(delegate.createSocket());
        }

        @Override
        public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
            return check(delegate.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort)
                throws java.io.IOException {
            return check(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress host, int port) throws java.io.IOException {
            return check(delegate.createSocket(host, port));
        }

        @Override
        public java.net.Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                                            int localPort) throws java.io.IOException {
            return check(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    /** A failure as the caller should see it; never carries the bind password. */
    static RuntimeException translate(LdapSettings settings, LDAPException e, String what) {
        ResultCode code = e.getResultCode();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException || t instanceof java.security.cert.CertificateException) {
                Log.warnf("directory %s: TLS failed (%s): %s", settings.url(), what, t.getMessage());
                return new DirectoryRefusedException("the TLS handshake with " + settings.url() + " failed: the server's "
                        + "certificate is not trusted (check the CA certificate) or does not name the host (" + t.getMessage() + ")");
            }
        }
        if ((code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN) && e.getMessage() != null
                && (e.getMessage().contains("hostname") || e.getMessage().contains("certificate"))) {
            return new DirectoryRefusedException("the TLS handshake with " + settings.url() + " failed: " + e.getMessage());
        }
        if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT
                || code == ResultCode.UNAVAILABLE || code == ResultCode.BUSY || code == ResultCode.LOCAL_ERROR) {
            Log.warnf("directory %s unavailable (%s): %s", settings.url(), what, code);
            return new DirectoryUnavailableException("the directory " + settings.url() + " cannot be reached ("
                    + code.getName() + ")");
        }
        if (code == ResultCode.INVALID_CREDENTIALS) {
            return new DirectoryRefusedException("the directory refused the service account " + settings.bindDn()
                    + " (invalid credentials" + BindDiagnostics.subCode(e.getDiagnosticMessage()).map(c -> ", AD code " + c).orElse("") + ")");
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return new DirectoryRefusedException("the directory has no entry " + settings.baseDn());
        }
        if (code == ResultCode.FILTER_ERROR) {
            return new DirectoryRefusedException("the directory rejected the user filter");
        }
        return new DirectoryRefusedException("the directory refused to " + what + ": " + code.getName());
    }

    static Optional<DirectoryEntry> toEntry(SearchResultEntry entry) {
        String externalId;
        byte[] guid = entry.getAttributeValueBytes("objectGUID");
        if (guid != null && guid.length == 16) {
            externalId = Guids.fromAdBytes(guid).toString();
        } else if (entry.getAttributeValue("entryUUID") != null) {
            externalId = entry.getAttributeValue("entryUUID");
        } else {
            return Optional.empty();
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (Attribute a : entry.getAttributes()) {
            if (!a.getBaseName().equalsIgnoreCase("objectGUID")) {
                attributes.put(a.getBaseName(), List.of(a.getValues()));
            }
        }
        return Optional.of(new DirectoryEntry(entry.getDN(), externalId, attributes));
    }
}
