package io.sequent.directory.client;

import java.util.Objects;

/** How to reach and bind to one directory. {@code toString} leaves the password out. */
public record LdapSettings(String url, String bindDn, String bindPassword, String baseDn, int connectTimeoutMs,
                           int responseTimeoutMs, int poolSize) {

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
