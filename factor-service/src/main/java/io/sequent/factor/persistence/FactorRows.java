package io.sequent.factor.persistence;

import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.factor.domain.FactorStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads and the one write of a sign-in, as single SQL statements on the reactive pool: a user and
 * their factors in one round trip, and the TOTP replay mark in one autocommitted UPDATE.
 *
 * <p>Through Hibernate Reactive each verification opened a session, read the user, then the factor, and
 * recorded the TOTP step in a transaction of its own (BEGIN, UPDATE, COMMIT): five round trips and a
 * session's bookkeeping, about a third of this service's CPU under sign-in load. The rows come back
 * as the same entities, detached: nothing on these paths changes them through a session (changes go
 * through FactorService's transactional methods, by id).
 */
@ApplicationScoped
public class FactorRows {

    private static final String USER_COLUMNS = "u.user_id, u.version as user_version, u.source, u.status as user_status, "
            + "u.username, u.groups, u.org_ids, u.default_org_id, u.updated_at as user_updated_at, u.factors_version";
    private static final String FACTOR_COLUMNS = "f.id, f.factor_type, f.provider, f.status, f.display, f.question, "
            + "f.secret_key_id, f.secret, f.verifier, f.last_totp_step, f.webauthn_credential_id, f.webauthn_public_key, "
            + "f.webauthn_aaguid, f.webauthn_sign_count, f.webauthn_format, f.webauthn_attestation_trusted, f.version, "
            + "f.created_at, f.updated_at";
    private static final String FROM_USER = "select " + USER_COLUMNS + ", " + FACTOR_COLUMNS + " from factor_user u left join factor f "
            + "on f.user_id = u.user_id and ";

    /** The user, and their live factor with this id (or no factor columns). */
    static final String HELD = FROM_USER + "f.id = $2 and f.status <> 'INACTIVE' where u.user_id = $1";
    /** The user, and each of their live factors, oldest first. */
    static final String LIVE = FROM_USER + "f.status <> 'INACTIVE' where u.user_id = $1 order by f.created_at, f.id";
    /** The user, and each of their factors with status $2, oldest first. */
    static final String WITH_STATUS = FROM_USER + "f.status = $2 where u.user_id = $1 order by f.created_at, f.id";
    /** Of two concurrent verifications of the same code, on any replicas, exactly one updates the row. */
    static final String ACCEPT_TOTP_STEP = "update factor set last_totp_step = $2 where id = $1 "
            + "and (last_totp_step is null or last_totp_step < $2)";

    /**
     * A user factor-service knows, with the factors the query selected (none, one, or all of a status) and the version
     * of the user's factor set ({@code factor_user.factors_version}), read by the same statement: the factors are
     * those of that version.
     */
    public record UserFactors(FactorUserEntity user, List<FactorEntity> factors, long factorsVersion) {
    }

    /** The entity's own mapping of the stored wire name, so both read paths agree. */
    private static final FactorTypeConverter FACTOR_TYPES = new FactorTypeConverter();

    private final Pool pool;

    public FactorRows(Pool pool) {
        this.pool = pool;
    }

    /** The user and their live factor {@code factorId}; empty when factor-service does not know the user. */
    public Uni<Optional<UserFactors>> held(UUID userId, UUID factorId) {
        return pool.preparedQuery(HELD).execute(Tuple.of(userId, factorId)).map(FactorRows::read);
    }

    /** The user and their live factors, or only those with {@code status}; empty for a user factor-service does not know. */
    public Uni<Optional<UserFactors>> list(UUID userId, FactorStatus status) {
        return (status == null ? pool.preparedQuery(LIVE).execute(Tuple.of(userId))
                : pool.preparedQuery(WITH_STATUS).execute(Tuple.of(userId, status.name()))).map(FactorRows::read);
    }

    /** Records {@code step} as the factor's last accepted TOTP step if it is later than the recorded one; whether it was. */
    public Uni<Boolean> acceptTotpStep(UUID factorId, long step) {
        return pool.preparedQuery(ACCEPT_TOTP_STEP).execute(Tuple.of(factorId, step)).map(rows -> rows.rowCount() == 1);
    }

    private static Optional<UserFactors> read(RowSet<Row> rows) {
        FactorUserEntity user = null;
        long factorsVersion = 0;
        List<FactorEntity> factors = new ArrayList<>();
        for (Row row : rows) {
            if (user == null) {
                user = user(row);
                factorsVersion = row.getLong("factors_version");
            }
            if (row.getUUID("id") != null) {
                factors.add(factor(row, user.userId));
            }
        }
        return user == null ? Optional.empty() : Optional.of(new UserFactors(user, List.copyOf(factors), factorsVersion));
    }

    private static FactorUserEntity user(Row row) {
        FactorUserEntity u = new FactorUserEntity();
        u.userId = row.getUUID("user_id");
        u.version = row.getLong("user_version");
        u.source = UserSource.valueOf(row.getString("source"));
        u.status = UserStatus.valueOf(row.getString("user_status"));
        u.username = row.getString("username");
        u.groups = row.getString("groups");
        u.orgIds = row.getString("org_ids");
        u.defaultOrgId = row.getString("default_org_id");
        u.updatedAt = instant(row.getOffsetDateTime("user_updated_at"));
        return u;
    }

    private static FactorEntity factor(Row row, UUID userId) {
        FactorEntity f = new FactorEntity();
        f.id = row.getUUID("id");
        f.userId = userId;
        f.factorType = FACTOR_TYPES.convertToEntityAttribute(row.getString("factor_type"));
        f.provider = row.getString("provider");
        f.status = FactorStatus.valueOf(row.getString("status"));
        f.display = row.getString("display");
        f.question = row.getString("question");
        f.secretKeyId = row.getString("secret_key_id");
        f.secret = bytes(row.getBuffer("secret"));
        f.verifier = row.getString("verifier");
        f.lastTotpStep = row.getLong("last_totp_step");
        f.webauthnCredentialId = bytes(row.getBuffer("webauthn_credential_id"));
        f.webauthnPublicKey = bytes(row.getBuffer("webauthn_public_key"));
        f.webauthnAaguid = row.getUUID("webauthn_aaguid");
        f.webauthnSignCount = row.getLong("webauthn_sign_count");
        f.webauthnFormat = row.getString("webauthn_format");
        f.webauthnAttestationTrusted = row.getBoolean("webauthn_attestation_trusted");
        f.version = row.getLong("version");
        f.createdAt = instant(row.getOffsetDateTime("created_at"));
        f.updatedAt = instant(row.getOffsetDateTime("updated_at"));
        return f;
    }

    private static byte[] bytes(Buffer buffer) {
        return buffer == null ? null : buffer.getBytes();
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
