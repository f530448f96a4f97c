package io.sequent.directory.persistence;

import io.sequent.events.OrgMembership;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Bulk reads and writes of {@code directory_user} for imports, with the reactive SQL client on a connection the
 * caller holds in a transaction: one statement per page and purpose (a multi-row {@code INSERT ... SELECT FROM
 * unnest(...)}, an {@code UPDATE ... FROM unnest(...)}) instead of one statement per user, which is where an
 * import spent most of its time. The entities returned are plain values here, not managed by Hibernate.
 */
@ApplicationScoped
public class UserRows {

    static final String COLUMNS = "id, version, source, directory_id, external_id, username, email, first_name, last_name,"
            + " display_name, status, password_expired, password_must_change, password_expires_at, account_expires_at,"
            + " default_org_id, memberships, groups, created_at, updated_at, dn, status_override";

    private static final String LOCK_BY_EXTERNAL_IDS = "select " + COLUMNS
            + " from directory_user where directory_id = $1 and external_id = any($2) for update";

    private static final String LIVE_BY_USERNAMES = "select " + COLUMNS
            + " from directory_user where lower(username) = any($1) and status <> 'DELETED'";

    private static final String INSERT = "insert into directory_user (" + COLUMNS + ") select * from unnest("
            + "$1::uuid[], $2::bigint[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],"
            + " $10::text[], $11::text[], $12::boolean[], $13::boolean[], $14::timestamptz[], $15::timestamptz[],"
            + " $16::text[], $17::text[], $18::text[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::text[])";

    private static final String UPDATE = "update directory_user u set version = v.version, username = v.username,"
            + " email = v.email, first_name = v.first_name, last_name = v.last_name, display_name = v.display_name,"
            + " status = v.status, password_expired = v.password_expired, password_must_change = v.password_must_change,"
            + " password_expires_at = v.password_expires_at, account_expires_at = v.account_expires_at,"
            + " default_org_id = v.default_org_id, memberships = v.memberships, groups = v.groups,"
            + " updated_at = v.updated_at, dn = v.dn"
            + " from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],"
            + " $8::text[], $9::boolean[], $10::boolean[], $11::timestamptz[], $12::timestamptz[], $13::text[],"
            + " $14::text[], $15::text[], $16::timestamptz[], $17::text[])"
            + " as v(id, version, username, email, first_name, last_name, display_name, status, password_expired,"
            + " password_must_change, password_expires_at, account_expires_at, default_org_id, memberships, groups,"
            + " updated_at, dn) where u.id = v.id";

    private static final String LIVE_EXTERNAL_IDS_AFTER = "select id, external_id from directory_user"
            + " where directory_id = $1 and id > $2 and status <> 'DELETED' order by id limit $3";

    private static final JsonListConverters.Memberships MEMBERSHIPS = new JsonListConverters.Memberships();
    private static final JsonListConverters.Strings STRINGS = new JsonListConverters.Strings();

    /** A stored user's id and its id in its directory. */
    public record Ref(UUID id, String externalId) {
    }

    /** The directory's users with these external ids, locked until the transaction ends. */
    public Uni<List<UserEntity>> lockByExternalIds(SqlConnection conn, UUID directoryId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return conn.preparedQuery(LOCK_BY_EXTERNAL_IDS)
                .execute(Tuple.of(directoryId, externalIds.toArray(String[]::new))).map(UserRows::users);
    }

    /** Live users (any source) holding one of these lower-case usernames. */
    public Uni<List<UserEntity>> liveByUsernames(SqlConnection conn, Collection<String> lowerUsernames) {
        if (lowerUsernames.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return conn.preparedQuery(LIVE_BY_USERNAMES)
                .execute(Tuple.of((Object) lowerUsernames.toArray(String[]::new))).map(UserRows::users);
    }

    /** Inserts new users with one statement. */
    public Uni<Void> insert(SqlConnection conn, List<UserEntity> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = users.size();
        UUID[] id = new UUID[n];
        Long[] version = new Long[n];
        String[] source = new String[n];
        UUID[] directoryId = new UUID[n];
        String[] externalId = new String[n];
        OffsetDateTime[] createdAt = new OffsetDateTime[n];
        String[] statusOverride = new String[n];
        Facts f = new Facts(n);
        for (int i = 0; i < n; i++) {
            UserEntity u = users.get(i);
            id[i] = u.id;
            version[i] = u.version;
            source[i] = u.source.name();
            directoryId[i] = u.directoryId;
            externalId[i] = u.externalId;
            createdAt[i] = time(u.createdAt);
            statusOverride[i] = u.statusOverride;
            f.set(i, u);
        }
        Tuple t = Tuple.tuple().addArrayOfUUID(id).addArrayOfLong(version).addArrayOfString(source)
                .addArrayOfUUID(directoryId).addArrayOfString(externalId).addArrayOfString(f.username)
                .addArrayOfString(f.email).addArrayOfString(f.firstName).addArrayOfString(f.lastName)
                .addArrayOfString(f.displayName).addArrayOfString(f.status).addArrayOfBoolean(f.passwordExpired)
                .addArrayOfBoolean(f.passwordMustChange).addArrayOfOffsetDateTime(f.passwordExpiresAt)
                .addArrayOfOffsetDateTime(f.accountExpiresAt).addArrayOfString(f.defaultOrgId)
                .addArrayOfString(f.memberships).addArrayOfString(f.groups).addArrayOfOffsetDateTime(createdAt)
                .addArrayOfOffsetDateTime(f.updatedAt).addArrayOfString(f.dn).addArrayOfString(statusOverride);
        return conn.preparedQuery(INSERT).execute(t).replaceWithVoid();
    }

    /** Writes the changeable columns (facts, version, updated_at, dn) of these users with one statement. */
    public Uni<Void> update(SqlConnection conn, Collection<UserEntity> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = users.size();
        UUID[] id = new UUID[n];
        Long[] version = new Long[n];
        Facts f = new Facts(n);
        int i = 0;
        for (UserEntity u : users) {
            id[i] = u.id;
            version[i] = u.version;
            f.set(i++, u);
        }
        Tuple t = Tuple.tuple().addArrayOfUUID(id).addArrayOfLong(version).addArrayOfString(f.username)
                .addArrayOfString(f.email).addArrayOfString(f.firstName).addArrayOfString(f.lastName)
                .addArrayOfString(f.displayName).addArrayOfString(f.status).addArrayOfBoolean(f.passwordExpired)
                .addArrayOfBoolean(f.passwordMustChange).addArrayOfOffsetDateTime(f.passwordExpiresAt)
                .addArrayOfOffsetDateTime(f.accountExpiresAt).addArrayOfString(f.defaultOrgId)
                .addArrayOfString(f.memberships).addArrayOfString(f.groups).addArrayOfOffsetDateTime(f.updatedAt)
                .addArrayOfString(f.dn);
        return conn.preparedQuery(UPDATE).execute(t).replaceWithVoid();
    }

    /** A page of the directory's live users after {@code afterId} in id order: only their ids (the reconcile sweep). */
    public Uni<List<Ref>> liveExternalIdsAfter(SqlConnection conn, UUID directoryId, UUID afterId, int limit) {
        return conn.preparedQuery(LIVE_EXTERNAL_IDS_AFTER).execute(Tuple.of(directoryId, afterId, limit)).map(rows -> {
            List<Ref> refs = new ArrayList<>(rows.size());
            for (Row row : rows) {
                refs.add(new Ref(row.getUUID("id"), row.getString("external_id")));
            }
            return refs;
        });
    }

    /** The columns every import write sets, as arrays. */
    private static final class Facts {
        final String[] username;
        final String[] email;
        final String[] firstName;
        final String[] lastName;
        final String[] displayName;
        final String[] status;
        final Boolean[] passwordExpired;
        final Boolean[] passwordMustChange;
        final OffsetDateTime[] passwordExpiresAt;
        final OffsetDateTime[] accountExpiresAt;
        final String[] defaultOrgId;
        final String[] memberships;
        final String[] groups;
        final OffsetDateTime[] updatedAt;
        final String[] dn;

        Facts(int n) {
            username = new String[n];
            email = new String[n];
            firstName = new String[n];
            lastName = new String[n];
            displayName = new String[n];
            status = new String[n];
            passwordExpired = new Boolean[n];
            passwordMustChange = new Boolean[n];
            passwordExpiresAt = new OffsetDateTime[n];
            accountExpiresAt = new OffsetDateTime[n];
            defaultOrgId = new String[n];
            memberships = new String[n];
            groups = new String[n];
            updatedAt = new OffsetDateTime[n];
            dn = new String[n];
        }

        void set(int i, UserEntity u) {
            username[i] = u.username;
            email[i] = u.email;
            firstName[i] = u.firstName;
            lastName[i] = u.lastName;
            displayName[i] = u.displayName;
            status[i] = u.status.name();
            passwordExpired[i] = u.passwordExpired;
            passwordMustChange[i] = u.passwordMustChange;
            passwordExpiresAt[i] = time(u.passwordExpiresAt);
            accountExpiresAt[i] = time(u.accountExpiresAt);
            defaultOrgId[i] = u.defaultOrgId;
            memberships[i] = MEMBERSHIPS.convertToDatabaseColumn(u.memberships);
            groups[i] = STRINGS.convertToDatabaseColumn(u.groups);
            updatedAt[i] = time(u.updatedAt);
            dn[i] = u.dn;
        }
    }

    private static List<UserEntity> users(RowSet<Row> rows) {
        List<UserEntity> users = new ArrayList<>(rows.size());
        for (Row row : rows) {
            users.add(user(row));
        }
        return users;
    }

    static UserEntity user(Row row) {
        UserEntity u = new UserEntity();
        u.id = row.getUUID("id");
        u.version = row.getLong("version");
        u.source = UserSource.valueOf(row.getString("source"));
        u.directoryId = row.getUUID("directory_id");
        u.externalId = row.getString("external_id");
        u.username = row.getString("username");
        u.email = row.getString("email");
        u.firstName = row.getString("first_name");
        u.lastName = row.getString("last_name");
        u.displayName = row.getString("display_name");
        u.status = UserStatus.valueOf(row.getString("status"));
        u.passwordExpired = row.getBoolean("password_expired");
        u.passwordMustChange = row.getBoolean("password_must_change");
        u.passwordExpiresAt = instant(row.getOffsetDateTime("password_expires_at"));
        u.accountExpiresAt = instant(row.getOffsetDateTime("account_expires_at"));
        u.defaultOrgId = row.getString("default_org_id");
        List<OrgMembership> memberships = MEMBERSHIPS.convertToEntityAttribute(row.getString("memberships"));
        u.memberships = memberships;
        u.groups = STRINGS.convertToEntityAttribute(row.getString("groups"));
        u.createdAt = instant(row.getOffsetDateTime("created_at"));
        u.updatedAt = instant(row.getOffsetDateTime("updated_at"));
        u.dn = row.getString("dn");
        u.statusOverride = row.getString("status_override");
        return u;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
