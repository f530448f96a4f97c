package io.sequent.directory.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.Topics;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserStatus;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Imports from a real OpenLDAP server: entryUUID as the stable id, entryCSN as the mark, deletions by reconcile. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class OpenLdapImportTest {

    static JsonPath run(String dirId, String kind) {
        JsonPath run = Api.awaitImport(dirId, Api.startImport(dirId, kind));
        assertThat(run.getString("state")).as(run.prettify()).isEqualTo("SUCCEEDED");
        return run;
    }

    @Test
    void incrementalImportsFollowTheChangeMarkAndAReconcileFindsDeletions() {
        try (OpenLdapDirectory ldap = new OpenLdapDirectory(); TopicProbe probe = new TopicProbe(Topics.DIRECTORY_USERS)) {
            String a = ldap.addUser("a");
            String b = ldap.addUser("b");
            String dirId = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(ldap.body(false))
                    .post("/api/v1/directories").then().statusCode(201).extract().path("id");

            // the first incremental import has no mark yet: a full one
            JsonPath first = run(dirId, "INCREMENTAL");
            assertThat(first.getString("detail")).contains("ran a full import");
            assertThat(first.getInt("usersChanged")).isEqualTo(2);
            UserSnapshot created = (UserSnapshot) DirectoryImportTest.awaitUserEvent(probe, a, EventType.DIRECTORY_USER_CREATED).data();
            assertThat(created.externalId()).matches("[0-9a-f-]{36}"); // entryUUID
            assertThat(created.memberships()).containsExactly(new OrgMembership(ldap.prefix, List.of()));
            assertThat(created.firstName()).isEqualTo("Given-a");
            String mark = given().auth().oauth2(TestTokens.admin()).get("/api/v1/directories/" + dirId).then().statusCode(200)
                    .extract().path("changeMark");
            assertThat(mark).startsWith("entryCSN:");

            // nothing changed: nothing written
            JsonPath quiet = run(dirId, "INCREMENTAL");
            assertThat(quiet.getString("detail")).isNull();
            assertThat(quiet.getInt("usersChanged")).isZero();
            assertThat(quiet.getInt("usersDeleted")).isZero();

            // a change, a deletion (no tombstone on OpenLDAP) and a new user, then one incremental import
            ldap.set(a, "mail", "new-" + a + "@example.org");
            ldap.delete(b);
            String c = ldap.addUser("c");
            JsonPath inc = run(dirId, "INCREMENTAL");
            assertThat(inc.getInt("usersChanged")).isEqualTo(2);
            assertThat(inc.getInt("usersDeleted")).isEqualTo(1);
            UserSnapshot updated = (UserSnapshot) DirectoryImportTest.awaitUserEvent(probe, a, EventType.DIRECTORY_USER_UPDATED).data();
            assertThat(updated.email()).isEqualTo("new-" + a + "@example.org");
            assertThat(updated.version()).isEqualTo(2);
            UserSnapshot deleted = (UserSnapshot) DirectoryImportTest.awaitUserEvent(probe, b, EventType.DIRECTORY_USER_DELETED).data();
            assertThat(deleted.status()).isEqualTo(UserStatus.DELETED);
            assertThat(deleted.version()).isEqualTo(2);
            DirectoryImportTest.awaitUserEvent(probe, c, EventType.DIRECTORY_USER_CREATED);
            assertThat(Db.query("select count(*) as n from directory_user where directory_id = ? and status <> 'DELETED'",
                    UUID.fromString(dirId)).get(0).get("n")).isEqualTo(2L);

            // and once more: the overlap re-reads recent entries, but nothing is written twice
            JsonPath again = run(dirId, "INCREMENTAL");
            assertThat(again.getInt("usersChanged")).isZero();
            assertThat(again.getInt("usersDeleted")).isZero();
        }
    }
}
