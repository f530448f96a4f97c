package io.sequent.directory.domain;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a directory entry becomes a Sequent user: which attributes hold the username, names and email;
 * where the org comes from; which groups give which roles.
 *
 * @param usernameAttribute {@code sAMAccountName} or {@code userPrincipalName} (or {@code uid} elsewhere)
 * @param orgSource         OU: the OU right below the base DN; ATTRIBUTE: the value of {@code orgAttribute};
 *                          FIXED: always {@code fixedOrgId}
 * @param orgAliases        optional renames of the OU/attribute value to an org id (keys any case)
 * @param groupRoles        group (CN or full DN) to role; {@code orgId} null means the user's own org
 * @param nestedGroups      whether membership through nested groups counts for {@code groupRoles} (AD's
 *                          LDAP_MATCHING_RULE_IN_CHAIN); off by default: direct membership only
 */
public record UserMapping(String usernameAttribute, String firstNameAttribute, String lastNameAttribute,
                          String displayNameAttribute, String emailAttribute, OrgSource orgSource,
                          String orgAttribute, String fixedOrgId, Map<String, String> orgAliases,
                          List<GroupRole> groupRoles, boolean nestedGroups) {

    public enum OrgSource { OU, ATTRIBUTE, FIXED }

    public record GroupRole(String group, String role, String orgId) {
        public GroupRole {
            requireText(group, "group");
            requireText(role, "role");
        }
    }

    public UserMapping {
        requireText(usernameAttribute, "usernameAttribute");
        firstNameAttribute = orDefault(firstNameAttribute, "givenName");
        lastNameAttribute = orDefault(lastNameAttribute, "sn");
        displayNameAttribute = orDefault(displayNameAttribute, "displayName");
        emailAttribute = orDefault(emailAttribute, "mail");
        orgSource = orgSource == null ? OrgSource.OU : orgSource;
        if (orgSource == OrgSource.ATTRIBUTE) {
            requireText(orgAttribute, "orgAttribute (orgSource ATTRIBUTE)");
        }
        if (orgSource == OrgSource.FIXED) {
            requireText(fixedOrgId, "fixedOrgId (orgSource FIXED)");
        }
        orgAliases = orgAliases == null ? Map.of() : Map.copyOf(orgAliases);
        groupRoles = groupRoles == null ? List.of() : List.copyOf(groupRoles);
    }

    /** A mapping where only direct group membership counts. */
    public UserMapping(String usernameAttribute, String firstNameAttribute, String lastNameAttribute,
                       String displayNameAttribute, String emailAttribute, OrgSource orgSource, String orgAttribute,
                       String fixedOrgId, Map<String, String> orgAliases, List<GroupRole> groupRoles) {
        this(usernameAttribute, firstNameAttribute, lastNameAttribute, displayNameAttribute, emailAttribute, orgSource,
                orgAttribute, fixedOrgId, orgAliases, groupRoles, false);
    }

    /** Active Directory defaults: sAMAccountName, org from the OU, no group roles. */
    public static UserMapping activeDirectoryDefaults() {
        return new UserMapping("sAMAccountName", null, null, null, null, OrgSource.OU, null, null, null, null);
    }

    /** The attributes an import must read for this mapping. */
    public List<String> attributes() {
        var names = new java.util.LinkedHashSet<>(List.of(usernameAttribute, firstNameAttribute, lastNameAttribute,
                displayNameAttribute, emailAttribute, "memberOf"));
        if (orgAttribute != null) {
            names.add(orgAttribute);
        }
        return List.copyOf(names);
    }

    String alias(String value) {
        if (value == null) {
            return null;
        }
        for (var e : orgAliases.entrySet()) {
            if (e.getKey().equalsIgnoreCase(value)) {
                return e.getValue();
            }
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
