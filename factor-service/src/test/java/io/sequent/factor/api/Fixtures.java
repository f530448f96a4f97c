package io.sequent.factor.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.TestTokens;
import io.sequent.testing.TopicProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Users published on the real users topic, tokens, direct reads of the real database, and the secrets used (for the log check). */
final class Fixtures {

    /** Every secret a test handed to the service or read back: none may appear in the logs (see {@link LogHygiene}). */
    static final Path SECRETS_FILE = Path.of("target/test-secrets.txt");

    static void remember(String secret) {
        try {
            Files.writeString(SECRETS_FILE, secret + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Fixtures() {
    }

    static String service() {
        return TestTokens.token("auth-flow", "service");
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    static RequestSpecification internal() {
        return given().auth().oauth2(service()).contentType(ContentType.JSON);
    }

    /** Publishes a user snapshot on sequent.directory.users, as directory-sync would. */
    static void publishUser(String userId, long version, UserSource source, UserStatus status) {
        publishUser(userId, version, source, status, List.of(), List.of(), null);
    }

    /** A user snapshot with groups and org memberships (what the enrollment policy targets). */
    static void publishUser(String userId, long version, UserSource source, UserStatus status, List<String> groups,
                            List<String> orgs, String defaultOrg) {
        var user = new UserSnapshot(userId, version, source, source == UserSource.DIRECTORY ? UUID.randomUUID().toString() : null,
                null, "user-" + userId.substring(0, 8), "u" + userId.substring(0, 4) + "@acme.example", null, null, null, status,
                false, false, null, null, defaultOrg, orgs.stream().map(o -> new io.sequent.events.OrgMembership(o, List.of("member")))
                .toList(), groups, Instant.now());
        EventType type = status == UserStatus.DELETED ? EventType.DIRECTORY_USER_DELETED
                : version == 1 ? EventType.DIRECTORY_USER_CREATED : EventType.DIRECTORY_USER_UPDATED;
        TopicProbe.publish(CloudEvent.of(type, "/sequent/directory-sync", userId, version, Instant.now(), user));
    }

    /**
     * A new user, published and then waited for until factor-service knows them. The test consumer group starts at the
     * end of the shared users topic (see application.properties), so a snapshot published before its partitions were
     * assigned would be missed: it is published again every few seconds until it arrives (the same version applies once).
     */
    static String newUser(UserSource source) {
        String userId = UUID.randomUUID().toString();
        publishUser(userId, 1, source, UserStatus.ACTIVE);
        long[] lastPublished = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (internal().get("/internal/v1/users/" + userId + "/factors").statusCode() == 200) {
                return true;
            }
            if (System.nanoTime() - lastPublished[0] > Duration.ofSeconds(5).toNanos()) {
                publishUser(userId, 1, source, UserStatus.ACTIVE);
                lastPublished[0] = System.nanoTime();
            }
            return false;
        });
        return userId;
    }

    /** A connection of its own to the real test database. */
    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/sequent_factor_test", "sequent_factor",
                "sequent_factor");
    }

    /** Writes straight to the real database (a row as an earlier release stored it); answers the rows changed. */
    static int update(String sql, Object... args) {
        try (Connection c = connect(); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, Object> row(String sql, Object... args) {
        try (Connection c = connect(); var st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
