package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.policy.api.ProblemException;
import io.sequent.policy.api.Requests.OrgRequest;
import io.sequent.policy.api.Views.OrgMfaView;
import io.sequent.policy.api.Views.OrgView;
import io.sequent.policy.domain.Methods;
import io.sequent.policy.domain.OrgMfaChange;
import io.sequent.policy.domain.Violation;
import io.sequent.policy.persistence.OrgEntity;
import io.sequent.policy.persistence.OrgRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Organisations and their MFA (S8, S10, seed 001). */
@ApplicationScoped
public class OrgService {

    private final OrgRepository orgs;
    private final PolicyChanges changes;

    public OrgService(OrgRepository orgs, PolicyChanges changes) {
        this.orgs = orgs;
        this.changes = changes;
    }

    @WithSession
    public Uni<List<OrgView>> list() {
        return orgs.ordered().map(list -> list.stream().map(Mapping::org).toList());
    }

    @WithSession
    public Uni<OrgView> get(String id) {
        return orgs.findById(id).map(org -> Mapping.org(found(org, id)));
    }

    @WithTransaction
    public Uni<Written<OrgView>> create(String actor, OrgRequest request) {
        return changes.lockAndLoad().chain(config -> {
            String id = request.id() != null ? request.id() : "org-" + UUID.randomUUID();
            if (config.org(id).isPresent()) {
                throw ProblemException.conflict("an organisation with id '" + id + "' already exists");
            }
            checkCodeFree(config.orgs(), request.code(), id);
            Instant now = changes.now();
            OrgEntity org = new OrgEntity();
            org.id = id;
            org.code = request.code();
            org.name = request.name();
            org.version = 1;
            org.createdAt = now;
            org.updatedAt = now;
            return orgs.persist(org)
                    .chain(() -> changes.commit(actor, "org.create", "org", id, null, Mapping.org(org)))
                    .map(v -> new Written<>(Mapping.org(org), org.version, v));
        });
    }

    @WithTransaction
    public Uni<Written<OrgView>> update(String actor, String id, String ifMatch, OrgRequest request) {
        return changes.lockAndLoad().chain(config -> {
            OrgEntity org = found(config.org(id).orElse(null), id);
            Checks.ifMatch(ifMatch, org.version, "organisation " + id);
            if (request.id() != null && !request.id().equals(id)) {
                throw ProblemException.invalid("/id", "an organisation's id cannot change");
            }
            checkCodeFree(config.orgs(), request.code(), id);
            OrgView before = Mapping.org(org);
            org.code = request.code();
            org.name = request.name();
            org.version++;
            org.updatedAt = changes.now();
            return changes.commit(actor, "org.update", "org", id, before, Mapping.org(org))
                    .map(v -> new Written<>(Mapping.org(org), org.version, v));
        });
    }

    @WithTransaction
    public Uni<Long> delete(String actor, String id, String ifMatch) {
        return changes.lockAndLoad().chain(config -> {
            OrgEntity org = found(config.org(id).orElse(null), id);
            Checks.ifMatch(ifMatch, org.version, "organisation " + id);
            List<String> uses = new ArrayList<>();
            config.connections().stream().filter(c -> id.equals(c.orgId))
                    .forEach(c -> uses.add("connection '" + c.name + "' (" + c.id + ")"));
            config.enrollmentPolicies().stream().filter(p -> p.orgs.contains(id))
                    .forEach(p -> uses.add("enrollment policy '" + p.name + "' (" + p.id + ")"));
            config.rules().stream().filter(r -> r.conditions.orgs().contains(id))
                    .forEach(r -> uses.add("sign-on rule '" + r.name + "' (" + r.id + ")"));
            if (!uses.isEmpty()) {
                throw ProblemException.conflict("organisation '" + id + "' is still used by: " + String.join("; ", uses));
            }
            OrgView before = Mapping.org(org);
            return orgs.delete(org).chain(() -> changes.commit(actor, "org.delete", "org", id, before, null));
        });
    }

    /** Replaces the whole MFA setting of an org. */
    @WithTransaction
    public Uni<Written<OrgMfaView>> replaceMfa(String actor, String id, String ifMatch, OrgMfa mfa) {
        return changeMfa(actor, id, ifMatch, "org.mfa.update", current -> mfa);
    }

    /** Adds or removes one exempt role or connection (the seed's "Add exempt role" and "Remove"). */
    @WithTransaction
    public Uni<Written<OrgMfaView>> editMfa(String actor, String id, String ifMatch, String action,
                                            UnaryOperator<OrgMfa> edit) {
        return changeMfa(actor, id, ifMatch, action, edit);
    }

    private Uni<Written<OrgMfaView>> changeMfa(String actor, String id, String ifMatch, String action,
                                               UnaryOperator<OrgMfa> edit) {
        return changes.lockAndLoad().chain(config -> {
            OrgEntity org = found(config.org(id).orElse(null), id);
            Checks.ifMatch(ifMatch, org.version, "organisation " + id);
            OrgMfa before = org.mfa();
            OrgMfa after = edit.apply(before);
            List<Violation> violations = new ArrayList<>();
            if (after.methods() != null && after.methods().isEmpty()) {
                violations.add(new Violation("/methods", "list at least one method, or null for the environment's"));
            }
            violations.addAll(Methods.check("/methods", after.methods(), config.activeFactorTypes()));
            for (int i = 0; i < after.exemptConnections().size(); i++) {
                String connection = after.exemptConnections().get(i);
                if (config.connection(connection).isEmpty()) {
                    violations.add(new Violation("/exemptConnections/" + i, "no enterprise connection '" + connection + "'"));
                }
            }
            Checks.valid(violations);
            var outcome = OrgMfaChange.check(config.state().envMfaMode, before, after);
            if (outcome instanceof OrgMfaChange.Refused refused) {
                throw ProblemException.conflict(refused.detail());
            }
            var warnings = ((OrgMfaChange.Accepted) outcome).warnings();
            if (after.equals(before)) {
                return Uni.createFrom().item(new Written<>(Mapping.orgMfa(org, warnings), org.version,
                        config.state().snapshotVersion));
            }
            OrgMfaView beforeView = Mapping.orgMfa(org, List.of());
            org.setMfa(after);
            boolean uses = OrgMfaChange.usesOrgMfa(after);
            if (uses && org.mfaInUseSince == null) {
                org.mfaInUseSince = changes.now();
            } else if (!uses) {
                org.mfaInUseSince = null;
            }
            org.version++;
            org.updatedAt = changes.now();
            return changes.commit(actor, action, "org", id, beforeView, Mapping.orgMfa(org, List.of()))
                    .map(v -> new Written<>(Mapping.orgMfa(org, warnings), org.version, v));
        });
    }

    private static void checkCodeFree(List<OrgEntity> all, String code, String id) {
        all.stream().filter(o -> o.code.equalsIgnoreCase(code) && !o.id.equals(id)).findAny().ifPresent(o -> {
            throw ProblemException.conflict("organisation '" + o.id + "' already has the code '" + o.code + "'");
        });
    }

    static OrgEntity found(OrgEntity org, String id) {
        if (org == null) {
            throw ProblemException.notFound("organisation '" + id + "'");
        }
        return org;
    }
}
