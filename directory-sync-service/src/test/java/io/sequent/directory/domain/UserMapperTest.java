package io.sequent.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.events.OrgMembership;
import io.sequent.events.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserMapperTest {

    static final String BASE = "DC=corp,DC=example,DC=test";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static DirectoryEntry entry(String dn, Map<String, List<String>> attrs) {
        Map<String, List<String>> all = new HashMap<>(Map.of("sAMAccountName", List.of("user00042"),
                "givenName", List.of("Carol"), "sn", List.of("Garcia"), "mail", List.of("user00042@globex.example"),
                "userAccountControl", List.of("512"), "company", List.of("Globex")));
        all.putAll(attrs);
        return new DirectoryEntry(dn, "8eae6006-99ac-429f-ae1a-e42af71faa4d", all);
    }

    static UserMapping mapping(UserMapping.OrgSource source, List<UserMapping.GroupRole> roles) {
        return new UserMapping("sAMAccountName", null, null, null, null, source, "company", "fixed-org",
                Map.of(), roles);
    }

    @Test
    void mapsNamesEmailAndStatus() {
        var user = new UserMapper(UserMapping.activeDirectoryDefaults(), BASE, null, null)
                .map(entry("CN=user00042,OU=globex," + BASE, Map.of("userAccountControl", List.of("514"))), NOW)
                .orElseThrow();
        assertThat(user.username()).isEqualTo("user00042");
        assertThat(user.firstName()).isEqualTo("Carol");
        assertThat(user.lastName()).isEqualTo("Garcia");
        assertThat(user.email()).isEqualTo("user00042@globex.example");
        assertThat(user.account().status()).isEqualTo(UserStatus.DISABLED);
    }

    @Test
    void orgComesFromTheOuRightBelowTheBase() {
        var user = new UserMapper(UserMapping.activeDirectoryDefaults(), BASE, null, null)
                .map(entry("CN=x,OU=team,OU=Globex," + BASE, Map.of()), NOW).orElseThrow();
        assertThat(user.defaultOrgId()).isEqualTo("globex");
        assertThat(user.memberships()).containsExactly(new OrgMembership("globex", List.of()));
    }

    @Test
    void userOutsideAnyOuHasNoOrg() {
        var user = new UserMapper(UserMapping.activeDirectoryDefaults(), BASE, null, null)
                .map(entry("CN=x,CN=Users," + BASE, Map.of()), NOW).orElseThrow();
        assertThat(user.defaultOrgId()).isNull();
        assertThat(user.memberships()).isEmpty();
    }

    @Test
    void orgCanComeFromAnAttributeOrBeFixedAndBeRenamed() {
        var byAttribute = new UserMapper(mapping(UserMapping.OrgSource.ATTRIBUTE, List.of()), BASE, null, null)
                .map(entry("CN=x,OU=acme," + BASE, Map.of()), NOW).orElseThrow();
        assertThat(byAttribute.defaultOrgId()).isEqualTo("globex");
        var fixed = new UserMapper(mapping(UserMapping.OrgSource.FIXED, List.of()), BASE, null, null)
                .map(entry("CN=x,OU=acme," + BASE, Map.of()), NOW).orElseThrow();
        assertThat(fixed.defaultOrgId()).isEqualTo("fixed-org");
        var aliased = new UserMapping("sAMAccountName", null, null, null, null, UserMapping.OrgSource.OU, null, null,
                Map.of("ACME", "acme-corp"), List.of());
        assertThat(new UserMapper(aliased, BASE, null, null).map(entry("CN=x,OU=acme," + BASE, Map.of()), NOW)
                .orElseThrow().defaultOrgId()).isEqualTo("acme-corp");
    }

    @Test
    void groupsGiveRolesInTheUsersOrgOrANamedOrg() {
        var rules = List.of(new UserMapping.GroupRole("acme-Admins", "admin", null),
                new UserMapping.GroupRole("CN=acme-Staff,OU=acme," + BASE, "staff", null),
                new UserMapping.GroupRole("auditors", "auditor", "globex"),
                new UserMapping.GroupRole("nobody-has-this", "x", null));
        var user = new UserMapper(mapping(UserMapping.OrgSource.OU, rules), BASE, null, null)
                .map(entry("CN=x,OU=acme," + BASE, Map.of("memberOf", List.of(
                        "CN=acme-Staff,OU=acme," + BASE, "cn=ACME-ADMINS,ou=acme," + BASE.toLowerCase(),
                        "CN=Auditors,CN=Users," + BASE))), NOW).orElseThrow();
        assertThat(user.memberships()).containsExactly(
                new OrgMembership("acme", List.of("admin", "staff")),
                new OrgMembership("globex", List.of("auditor")));
        assertThat(user.defaultOrgId()).isEqualTo("acme");
        assertThat(user.groups()).containsExactly("ACME-ADMINS", "acme-Staff", "Auditors");
    }

    @Test
    void entryWithoutUsernameIsSkipped() {
        var mapper = new UserMapper(new UserMapping("userPrincipalName", null, null, null, null, null, null, null,
                null, null), BASE, null, null);
        assertThat(mapper.map(entry("CN=x,OU=acme," + BASE, Map.of()), NOW)).isEmpty();
    }

    @Test
    void passwordExpiryUsesTheDomainMaxAge() {
        long old = FileTime.fromInstant(NOW.minus(Duration.ofDays(100)));
        var user = new UserMapper(UserMapping.activeDirectoryDefaults(), BASE, Duration.ofDays(42), null)
                .map(entry("CN=x,OU=acme," + BASE, Map.of("pwdLastSet", List.of(Long.toString(old)))), NOW).orElseThrow();
        assertThat(user.account().passwordExpired()).isTrue();
    }

    @Test
    void mappingRefusesIncompleteOrgSettings() {
        assertThatThrownBy(() -> new UserMapping("sAMAccountName", null, null, null, null,
                UserMapping.OrgSource.ATTRIBUTE, null, null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orgAttribute");
        assertThatThrownBy(() -> new UserMapping(" ", null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopeIsTheBaseAndTheNamedOus() {
        var all = new Scope(BASE, List.of());
        var acme = new Scope(BASE, List.of("OU=acme," + BASE));
        assertThat(all.contains("CN=x,OU=globex," + BASE)).isTrue();
        assertThat(all.contains("CN=x,DC=other,DC=test")).isFalse();
        assertThat(acme.contains("cn=x, ou=ACME, dc=corp, dc=example, dc=test")).isTrue();
        assertThat(acme.contains("CN=x,OU=globex," + BASE)).isFalse();
        assertThat(acme.contains("CN=x,OU=notacme," + BASE)).isFalse();
    }

    @Test
    void dnHelpersHandleEscapedCommas() {
        assertThat(Dn.rdns("CN=Garcia\\, Carol,OU=acme,DC=x")).containsExactly("CN=Garcia\\, Carol", "OU=acme", "DC=x");
        assertThat(Dn.leafValue("CN=acme-Staff,OU=acme,DC=x")).isEqualTo("acme-Staff");
        assertThat(Dn.topOu("CN=x,OU=a,OU=b,DC=x", "DC=x")).isEqualTo("b");
        assertThat(Dn.topOu("CN=x,DC=y", "DC=x")).isNull();
    }

    @Test
    void nestedMembershipGivesTheRuleRoleOnlyWhenTheMappingAsksForIt() {
        var rules = List.of(new UserMapping.GroupRole("globex-Everyone", "member", null));
        String dn = "CN=user00042,OU=globex," + BASE;
        // the directory says: globex-Staff is nested (at some depth) in globex-Everyone
        var directory = new UserMapper.NestedMembership(Map.of("globex-Everyone", java.util.Set.of("cn=GLOBEX-Staff,ou=globex," + BASE)));
        var staff = Map.of("memberOf", List.of("CN=globex-Staff,OU=globex," + BASE));
        UserMapping direct = mapping(UserMapping.OrgSource.OU, rules);
        UserMapping nested = new UserMapping("sAMAccountName", null, null, null, null, UserMapping.OrgSource.OU, null, null,
                Map.of(), rules, true);

        assertThat(direct.nestedGroups()).isFalse();
        assertThat(new UserMapper(direct, BASE, null, null, directory).map(entry(dn, staff), NOW).orElseThrow().memberships())
                .containsExactly(new OrgMembership("globex", List.of()));
        var user = new UserMapper(nested, BASE, null, null, directory).map(entry(dn, staff), NOW).orElseThrow();
        assertThat(user.memberships()).containsExactly(new OrgMembership("globex", List.of("member")));
        assertThat(user.groups()).as("the snapshot lists direct groups").containsExactly("globex-Staff");
        assertThat(new UserMapper(nested, BASE, null, null, UserMapper.NestedMembership.NONE).map(entry(dn, staff), NOW)
                .orElseThrow().memberships()).containsExactly(new OrgMembership("globex", List.of()));
    }
}
