package io.sequent.events;

import io.sequent.events.policy.PolicyChanged;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the suite. The CloudEvents {@code type} is {@code io.sequent.<name>.v<version>}:
 * within a version only additive changes are allowed; a breaking change is a new version, which
 * consumers that do not know it skip.
 */
public enum EventType {
    DIRECTORY_USER_CREATED("directory.user.created", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_UPDATED("directory.user.updated", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_DISABLED("directory.user.disabled", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_ENABLED("directory.user.enabled", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_PASSWORD_EXPIRED("directory.user.password_expired", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_LOCKED("directory.user.locked", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_UNLOCKED("directory.user.unlocked", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_DELETED("directory.user.deleted", Topics.DIRECTORY_USERS, UserSnapshot.class),
    DIRECTORY_USER_ROLES_CHANGED("directory.user.roles_changed", Topics.DIRECTORY_USERS, UserSnapshot.class),

    POLICY_CHANGED("policy.changed", Topics.POLICY_CHANGES, PolicyChanged.class),

    FACTOR_ENROLLED("factor.enrolled", Topics.FACTOR_EVENTS, FactorEvent.class),
    FACTOR_ACTIVATED("factor.activated", Topics.FACTOR_EVENTS, FactorEvent.class),
    FACTOR_RESET("factor.reset", Topics.FACTOR_EVENTS, FactorEvent.class),
    FACTOR_LOCKED("factor.locked", Topics.FACTOR_EVENTS, FactorEvent.class),

    AUTH_SIGNIN_STARTED("auth.signin.started", Topics.AUTH_EVENTS, SignInEvent.class),
    AUTH_SIGNIN_FACTOR_VERIFIED("auth.signin.factor_verified", Topics.AUTH_EVENTS, SignInEvent.class),
    AUTH_SIGNIN_FACTOR_FAILED("auth.signin.factor_failed", Topics.AUTH_EVENTS, SignInEvent.class),
    /** A step the user may pass over was skipped: PASSWORD_WARN, or the OPTIONAL factors left in MFA_ENROLL. */
    AUTH_SIGNIN_SKIPPED("auth.signin.skipped", Topics.AUTH_EVENTS, SignInEvent.class),
    AUTH_SIGNIN_SUCCEEDED("auth.signin.succeeded", Topics.AUTH_EVENTS, SignInEvent.class),
    AUTH_SIGNIN_REFUSED("auth.signin.refused", Topics.AUTH_EVENTS, SignInEvent.class),
    AUTH_SESSION_REVOKED("auth.session.revoked", Topics.AUTH_EVENTS, SessionRevoked.class),

    NOTIFICATION_SMS("notification.sms", Topics.NOTIFICATIONS_OUTBOUND, Notification.class),
    NOTIFICATION_VOICE("notification.voice", Topics.NOTIFICATIONS_OUTBOUND, Notification.class),
    NOTIFICATION_EMAIL("notification.email", Topics.NOTIFICATIONS_OUTBOUND, Notification.class);

    public static final String PREFIX = "io.sequent.";
    public static final int VERSION = 1;

    private static final Map<String, EventType> BY_TYPE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private final String name;
    private final String topic;
    private final Class<?> dataType;

    EventType(String name, String topic, Class<?> dataType) {
        this.name = name;
        this.topic = topic;
        this.dataType = dataType;
    }

    /** The CloudEvents type, for example {@code io.sequent.directory.user.created.v1}. */
    public String typeName() {
        return PREFIX + name + ".v" + VERSION;
    }

    /** The short name without prefix and version, for example {@code directory.user.created}. */
    public String shortName() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public Class<?> dataType() {
        return dataType;
    }

    /** The type for a CloudEvents type name; empty for an unknown type or a version this build does not read. */
    public static Optional<EventType> fromTypeName(String typeName) {
        return Optional.ofNullable(typeName == null ? null : BY_TYPE_NAME.get(typeName));
    }
}
