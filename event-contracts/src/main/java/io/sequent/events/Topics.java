package io.sequent.events;

/** The Kafka topics of the suite. Keys are always the event's subject. */
public final class Topics {
    /** Full user snapshots keyed by user id; log-compacted, so a consumer can rebuild its read model. */
    public static final String DIRECTORY_USERS = "sequent.directory.users";
    /** Compiled policy snapshots keyed by environment; log-compacted. */
    public static final String POLICY_CHANGES = "sequent.policy.changes";
    public static final String FACTOR_EVENTS = "sequent.factor.events";
    public static final String AUTH_EVENTS = "sequent.auth.events";
    public static final String NOTIFICATIONS_OUTBOUND = "sequent.notifications.outbound";

    private Topics() {
    }
}
