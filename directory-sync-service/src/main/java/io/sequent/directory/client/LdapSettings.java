package io.sequent.directory.client;

import java.util.Objects;

/**
 * How to reach and bind to one directory. {@code toString} leaves the password out.
 *
 * @param caCertificate  PEM certificates that TLS (ldaps:// or StartTLS) trusts instead of the JVM's trust store; null: the JVM's
 * @param startTls       upgrade an ldap:// connection with StartTLS before binding
 * @param verifyHostname the server's certificate must name the host of the URL
 */
public record LdapSettings(String url, String bindDn, String bindPassword, String baseDn, int connectTimeoutMs,
                           int responseTimeoutMs, int poolSize, String caCertificate, boolean startTls,
                           boolean verifyHostname) {

    /** Plain settings: the JVM's trust store, no StartTLS, host names verified. */
    public LdapSettings(String url, String bindDn, String bindPassword, String baseDn, int connectTimeoutMs,
                        int responseTimeoutMs, int poolSize) {
        this(url, bindDn, bindPassword, baseDn, connectTimeoutMs, responseTimeoutMs, poolSize, null, false, true);
    }

    public LdapSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(bindDn, "bindDn");
        Objects.requireNonNull(bindPassword, "bindPassword");
        Objects.requireNonNull(baseDn, "baseDn");
    }

    @Override
    public String toString() {
        return "LdapSettings[url=" + url + ", bindDn=" + bindDn + ", baseDn=" + baseDn + "]";
    }
}
