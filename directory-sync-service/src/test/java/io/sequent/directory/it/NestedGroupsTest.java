package io.sequent.directory.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.Topics;
import io.sequent.events.UserSnapshot;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Roles through nested groups on the real Samba AD (LDAP_MATCHING_RULE_IN_CHAIN), opted into per directory. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class NestedGroupsTest {

    @Test
    void membersOfAGroupInsideTheRuleGroupGetItsRoleAndANewlyNestedGroupIsSeenByAnIncrementalImport() {
        try (SampleDirectory ad = new SampleDirectory(); TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String direct = ad.addUser("direct");
            String nested = ad.addUser("nested");
            String later = ad.addUser("later");
            String outsider = ad.addUser("outsider");
            String admins = ad.addGroup("Admins", direct);
            ad.addGroup("Team", nested);
            ad.addGroup("Team2", later);
            ad.addToGroup(admins, ad.prefix + "-Team"); // Team is a member of Admins: its members are admins too

            String body = Api.directoryBody(ad, false, 5).replace("\"groupRoles\"", "\"nestedGroups\": true, \"groupRoles\"");
            String dirId = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/directories").then().statusCode(201).body("mapping.nestedGroups", equalTo(true))
                    .extract().path("id");
            JsonPath run = Api.awaitImport(dirId, Api.startImport(dirId, "FULL"));
            assertThat(run.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(run.getInt("usersChanged")).isEqualTo(4);
            OrgMembership admin = new OrgMembership(ad.prefix, List.of("admin"));
            OrgMembership none = new OrgMembership(ad.prefix, List.of());
            assertThat(snapshot(probe, direct, EventType.DIRECTORY_USER_CREATED).memberships()).containsExactly(admin);
            UserSnapshot viaTeam = snapshot(probe, nested, EventType.DIRECTORY_USER_CREATED);
            assertThat(viaTeam.memberships()).containsExactly(admin);
            assertThat(viaTeam.groups()).as("groups lists direct membership").containsExactly(ad.prefix + "-Team");
            assertThat(snapshot(probe, later, EventType.DIRECTORY_USER_CREATED).memberships()).containsExactly(none);
            assertThat(snapshot(probe, outsider, EventType.DIRECTORY_USER_CREATED).memberships()).containsExactly(none);

            // Team2 joins Admins: only the Admins group changes in the directory, yet its members' members are re-read
            Api.awaitImport(dirId, Api.startImport(dirId, "INCREMENTAL"));
            ad.addToGroup(admins, ad.prefix + "-Team2");
            JsonPath inc = Api.awaitImport(dirId, Api.startImport(dirId, "INCREMENTAL"));
            assertThat(inc.getString("state")).isEqualTo("SUCCEEDED");
            assertThat(inc.getInt("usersChanged")).isEqualTo(1);
            UserSnapshot promoted = snapshot(probe, later, EventType.DIRECTORY_USER_ROLES_CHANGED);
            assertThat(promoted.memberships()).containsExactly(admin);
            assertThat(promoted.version()).isEqualTo(2);

            // a single user's refresh asks the directory about nesting too: nothing changed, nothing written
            String nestedId = Db.query("select id from directory_user where directory_id = ? and username = ?",
                    UUID.fromString(dirId), nested).get(0).get("id").toString();
            given().auth().oauth2(TestTokens.admin()).post("/api/v1/users/" + nestedId + "/refresh").then().statusCode(200)
                    .body("version", equalTo(1)).body("memberships[0].roles", equalTo(List.of("admin")));
        }
    }

    static UserSnapshot snapshot(TopicProbe probe, String username, EventType type) {
        return (UserSnapshot) DirectoryImportTest.awaitUserEvent(probe, username, type).data();
    }
}
