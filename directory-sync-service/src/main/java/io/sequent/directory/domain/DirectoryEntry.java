package io.sequent.directory.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One user entry as read from a directory, free of any LDAP library: its DN, its stable id
 * (objectGUID as a UUID string, or entryUUID) and its attribute values by lower-case name.
 */
public record DirectoryEntry(String dn, String externalId, Map<String, List<String>> attributes) {

    public DirectoryEntry {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(externalId, "externalId");
        attributes = attributes.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), e -> List.copyOf(e.getValue()), (a, b) -> a));
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        if (name == null) {
            return null;
        }
        List<String> values = attributes.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> all(String name) {
        return attributes.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of {@code name} as a long; null when absent or not a number. */
    public Long longValue(String name) {
        String v = first(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The AD account-control attributes of this entry. */
    public AdAccount adAccount() {
        return new AdAccount(longValue("userAccountControl"), longValue("msDS-User-Account-Control-Computed"),
                longValue("pwdLastSet"), longValue("lockoutTime"), longValue("accountExpires"),
                longValue("msDS-UserPasswordExpiryTimeComputed"));
    }
}
