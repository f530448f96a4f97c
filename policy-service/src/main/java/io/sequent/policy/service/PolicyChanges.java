package io.sequent.policy.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import io.sequent.events.EventType;
import io.sequent.events.policy.PolicyChanged;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.policy.domain.SnapshotCompiler;
import io.sequent.policy.persistence.AuditEntryEntity;
import io.sequent.policy.persistence.AuditEntryRepository;
import io.sequent.policy.persistence.ConnectionRepository;
import io.sequent.policy.persistence.EnrollmentPolicyRepository;
import io.sequent.policy.persistence.FactorTypeRepository;
import io.sequent.policy.persistence.OrgRepository;
import io.sequent.policy.persistence.PolicyStateEntity;
import io.sequent.policy.persistence.PolicyStateRepository;
import io.sequent.policy.persistence.SignOnPolicyRepository;
import io.sequent.policy.persistence.SignOnRuleRepository;
import io.sequent.policy.persistence.SnapshotEntity;
import io.sequent.policy.persistence.SnapshotRepository;
import io.sequent.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The frame of every admin change, used inside the caller's transaction: {@link #lockAndLoad()}
 * takes the state row's lock (changes apply one after another, each seeing the last) and loads the
 * configuration; {@link #commit} compiles the configuration as changed into the next snapshot version,
 * stores it with an audit entry, and queues {@code policy.changed} in the outbox, so the event goes
 * out if and only if the change commits.
 */
@ApplicationScoped
public class PolicyChanges {

    public static final String SOURCE = "/sequent/policy";
    /** The default key of every policy.changed record: one subject, so the compacted topic keeps the latest snapshot. */
    public static final String SUBJECT = "environment";

    private final PolicyStateRepository states;
    private final FactorTypeRepository factorTypes;
    private final OrgRepository orgs;
    private final ConnectionRepository connections;
    private final EnrollmentPolicyRepository enrollmentPolicies;
    private final SignOnPolicyRepository policies;
    private final SignOnRuleRepository rules;
    private final SnapshotRepository snapshots;
    private final AuditEntryRepository audit;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;
    private final String subject;

    public PolicyChanges(PolicyStateRepository states, FactorTypeRepository factorTypes, OrgRepository orgs,
                         ConnectionRepository connections, EnrollmentPolicyRepository enrollmentPolicies,
                         SignOnPolicyRepository policies, SignOnRuleRepository rules, SnapshotRepository snapshots,
                         AuditEntryRepository audit, Outbox outbox, Clock clock, MeterRegistry registry,
                         @ConfigProperty(name = "sequent.policy.snapshot-subject", defaultValue = SUBJECT) String subject) {
        this.states = states;
        this.factorTypes = factorTypes;
        this.orgs = orgs;
        this.connections = connections;
        this.enrollmentPolicies = enrollmentPolicies;
        this.policies = policies;
        this.rules = rules;
        this.snapshots = snapshots;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
        this.subject = subject;
    }

    /** Locks the state row and loads the configuration; call first in a change's transaction. */
    public Uni<ConfigState> lockAndLoad() {
        return states.lock().chain(this::loadWith);
    }

    /** The configuration without a lock, for reads. */
    public Uni<ConfigState> load() {
        return states.read().chain(this::loadWith);
    }

    private Uni<ConfigState> loadWith(PolicyStateEntity state) {
        // one session: the queries run one after another
        return factorTypes.ordered().chain(types -> orgs.ordered().chain(orgList -> connections.ordered()
                .chain(connectionList -> enrollmentPolicies.ordered().chain(enrollment -> policies.ordered()
                        .chain(policyList -> rules.ordered().map(ruleList -> new ConfigState(state, types, orgList,
                                connectionList, enrollment, policyList, ruleList)))))));
    }

    /**
     * Publishes the change made to the managed entities: compiles the next snapshot, stores it, records
     * the audit entry and queues the event. Returns the new snapshot version.
     */
    public Uni<Long> commit(String actor, String action, String targetType, String targetId, Object before, Object after) {
        return Panache.getSession().chain(session -> session.flush())
                .chain(() -> load())
                .chain(config -> {
                    PolicyStateEntity state = config.state();
                    Instant now = now();
                    long version = state.snapshotVersion + 1;
                    PolicySnapshot snapshot = SnapshotCompiler.compile(config.config(), version, now);
                    state.snapshotVersion = version;
                    SnapshotEntity stored = new SnapshotEntity();
                    stored.version = version;
                    stored.compiledAt = now;
                    stored.body = json(snapshot);
                    AuditEntryEntity entry = new AuditEntryEntity();
                    entry.at = now;
                    entry.actor = actor;
                    entry.action = action;
                    entry.targetType = targetType;
                    entry.targetId = targetId;
                    entry.before = before == null ? null : json(before);
                    entry.after = after == null ? null : json(after);
                    entry.snapshotVersion = version;
                    CloudEvent<PolicyChanged> event = CloudEvent.of(EventType.POLICY_CHANGED, SOURCE, subject, version,
                            now, new PolicyChanged(snapshot));
                    return snapshots.persist(stored)
                            .chain(() -> audit.persist(entry))
                            .chain(() -> outbox.publish(event))
                            .invoke(() -> registry.counter("sequent.policy.changes", "action", action).increment())
                            .invoke(() -> Log.infof("policy %s by %s on %s %s: snapshot version %d", action, actor,
                                    targetType, targetId, version))
                            .replaceWith(version);
                });
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
