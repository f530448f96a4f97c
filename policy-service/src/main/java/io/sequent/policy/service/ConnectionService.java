package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.sequent.policy.api.ProblemException;
import io.sequent.policy.api.Requests.ConnectionRequest;
import io.sequent.policy.api.Views.ConnectionView;
import io.sequent.policy.domain.ConnectionRules;
import io.sequent.policy.domain.Violation;
import io.sequent.policy.persistence.ConnectionEntity;
import io.sequent.policy.persistence.ConnectionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Enterprise connections (federated sign-in, DESIGN §2) that orgs may exempt from MFA (S8). */
@ApplicationScoped
public class ConnectionService {

    private final ConnectionRepository connections;
    private final PolicyChanges changes;

    public ConnectionService(ConnectionRepository connections, PolicyChanges changes) {
        this.connections = connections;
        this.changes = changes;
    }

    @WithSession
    public Uni<List<ConnectionView>> list() {
        return connections.ordered().map(list -> list.stream().map(Mapping::connection).toList());
    }

    @WithSession
    public Uni<ConnectionView> get(String id) {
        return connections.findById(id).map(c -> Mapping.connection(found(c, id)));
    }

    @WithTransaction
    public Uni<Written<ConnectionView>> create(String actor, ConnectionRequest request) {
        return changes.lockAndLoad().chain(config -> {
            String id = request.id() != null ? request.id() : "conn-" + UUID.randomUUID();
            if (config.connection(id).isPresent()) {
                throw ProblemException.conflict("a connection with id '" + id + "' already exists");
            }
            validate(request, config);
            ConnectionEntity c = new ConnectionEntity();
            c.id = id;
            c.version = 1;
            apply(c, request);
            return connections.persist(c)
                    .chain(() -> changes.commit(actor, "connection.create", "connection", id, null, Mapping.connection(c)))
                    .map(v -> new Written<>(Mapping.connection(c), c.version, v));
        });
    }

    @WithTransaction
    public Uni<Written<ConnectionView>> update(String actor, String id, String ifMatch, ConnectionRequest request) {
        return changes.lockAndLoad().chain(config -> {
            ConnectionEntity c = found(config.connection(id).orElse(null), id);
            Checks.ifMatch(ifMatch, c.version, "connection " + id);
            if (request.id() != null && !request.id().equals(id)) {
                throw ProblemException.invalid("/id", "a connection's id cannot change");
            }
            validate(request, config);
            ConnectionView before = Mapping.connection(c);
            apply(c, request);
            c.version++;
            return changes.commit(actor, "connection.update", "connection", id, before, Mapping.connection(c))
                    .map(v -> new Written<>(Mapping.connection(c), c.version, v));
        });
    }

    @WithTransaction
    public Uni<Long> delete(String actor, String id, String ifMatch) {
        return changes.lockAndLoad().chain(config -> {
            ConnectionEntity c = found(config.connection(id).orElse(null), id);
            Checks.ifMatch(ifMatch, c.version, "connection " + id);
            List<String> exemptIn = config.orgs().stream().filter(o -> o.mfaExemptConnections.contains(id))
                    .map(o -> "org '" + o.id + "' exempt connections").toList();
            if (!exemptIn.isEmpty()) {
                throw ProblemException.conflict("connection '" + id + "' is still used by: " + String.join("; ", exemptIn));
            }
            ConnectionView before = Mapping.connection(c);
            return connections.delete(c).chain(() -> changes.commit(actor, "connection.delete", "connection", id, before, null));
        });
    }

    private static void validate(ConnectionRequest request, ConfigState config) {
        List<Violation> violations = new ArrayList<>(ConnectionRules.check(request.kind(), request.issuer(),
                request.jwksUrl(), request.audience()));
        if (request.orgId() != null && config.org(request.orgId()).isEmpty()) {
            violations.add(new Violation("/orgId", "no organisation '" + request.orgId() + "'"));
        }
        Checks.valid(violations);
    }

    private static void apply(ConnectionEntity c, ConnectionRequest request) {
        c.name = request.name();
        c.kind = request.kind();
        c.orgId = request.orgId();
        c.issuer = blankToNull(request.issuer());
        c.jwksUrl = blankToNull(request.jwksUrl());
        c.audience = blankToNull(request.audience());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ConnectionEntity found(ConnectionEntity c, String id) {
        if (c == null) {
            throw ProblemException.notFound("connection '" + id + "'");
        }
        return c;
    }
}
