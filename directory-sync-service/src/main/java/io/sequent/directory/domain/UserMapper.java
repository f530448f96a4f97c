package io.sequent.directory.domain;

import io.sequent.events.OrgMembership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Maps directory entries to users with a {@link UserMapping}; pure and deterministic (sorted lists). */
public final class UserMapper {

    /**
     * Membership through nested groups: for each rule's group (as the rule names it, CN or DN), the DNs of the
     * groups nested in it at any depth, as the directory computed them. A user whose direct groups include one of
     * them is a member of the rule's group. Used only when the mapping asks for it.
     */
    public record NestedMembership(Map<String, Set<String>> nestedGroupDns) {
        public static final NestedMembership NONE = new NestedMembership(Map.of());

        public NestedMembership {
            nestedGroupDns = nestedGroupDns.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> e.getValue().stream().map(Dn::normalize).collect(java.util.stream.Collectors.toUnmodifiableSet())));
        }

        boolean isMember(List<String> directGroupDns, String group) {
            Set<String> nested = nestedGroupDns.getOrDefault(group, Set.of());
            return !nested.isEmpty() && directGroupDns.stream().anyMatch(dn -> nested.contains(Dn.normalize(dn)));
        }
    }

    private final UserMapping mapping;
    private final String baseDn;
    private final Duration maxPasswordAge;
    private final Duration lockoutDuration;
    private final NestedMembership nested;

    public UserMapper(UserMapping mapping, String baseDn, Duration maxPasswordAge, Duration lockoutDuration) {
        this(mapping, baseDn, maxPasswordAge, lockoutDuration, NestedMembership.NONE);
    }

    public UserMapper(UserMapping mapping, String baseDn, Duration maxPasswordAge, Duration lockoutDuration,
                      NestedMembership nested) {
        this.mapping = mapping;
        this.baseDn = baseDn;
        this.maxPasswordAge = maxPasswordAge;
        this.lockoutDuration = lockoutDuration;
        this.nested = nested == null ? NestedMembership.NONE : nested;
    }

    /** The user for {@code entry} at {@code now}; empty when the entry has no username. */
    public Optional<ImportedUser> map(DirectoryEntry entry, Instant now) {
        String username = entry.first(mapping.usernameAttribute());
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        List<String> groupDns = entry.all("memberOf");
        List<String> groups = groupDns.stream().map(Dn::leafValue).distinct().sorted(String.CASE_INSENSITIVE_ORDER).toList();
        String org = org(entry);
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        if (org != null) {
            roles.put(org, new TreeSet<>());
        }
        for (UserMapping.GroupRole rule : mapping.groupRoles()) {
            if (memberOf(rule.group(), groupDns) || (mapping.nestedGroups() && nested.isMember(groupDns, rule.group()))) {
                String target = rule.orgId() != null ? rule.orgId() : org;
                if (target != null) {
                    roles.computeIfAbsent(target, k -> new TreeSet<>()).add(rule.role());
                }
            }
        }
        List<OrgMembership> memberships = new ArrayList<>();
        roles.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> memberships.add(new OrgMembership(e.getKey(), List.copyOf(e.getValue()))));
        String defaultOrg = org != null ? org : memberships.size() == 1 ? memberships.get(0).orgId() : null;
        return Optional.of(new ImportedUser(entry.externalId(), entry.dn(), username.trim(),
                entry.first(mapping.emailAttribute()), entry.first(mapping.firstNameAttribute()),
                entry.first(mapping.lastNameAttribute()), entry.first(mapping.displayNameAttribute()),
                entry.adAccount().evaluate(now, maxPasswordAge, lockoutDuration), defaultOrg, memberships, groups));
    }

    private String org(DirectoryEntry entry) {
        return switch (mapping.orgSource()) {
            case OU -> mapping.alias(Dn.topOu(entry.dn(), baseDn));
            case ATTRIBUTE -> mapping.alias(entry.first(mapping.orgAttribute()));
            case FIXED -> mapping.fixedOrgId();
        };
    }

    private static boolean memberOf(String group, List<String> groupDns) {
        boolean isDn = group.contains("=");
        return groupDns.stream().anyMatch(dn -> isDn ? Dn.normalize(dn).equals(Dn.normalize(group))
                : Dn.leafValue(dn).equalsIgnoreCase(group));
    }
}
