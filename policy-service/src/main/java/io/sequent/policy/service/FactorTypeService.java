package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.sequent.policy.api.ProblemException;
import io.sequent.policy.api.Views.FactorTypeView;
import io.sequent.policy.domain.FactorTypeUsage;
import io.sequent.policy.domain.SnapshotCompiler;
import io.sequent.policy.persistence.FactorTypeEntity;
import io.sequent.policy.persistence.FactorTypeRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The factor type catalogue and its activation (seed 000: "configure and activate your factors"). */
@ApplicationScoped
public class FactorTypeService {

    private final FactorTypeRepository types;
    private final PolicyChanges changes;

    public FactorTypeService(FactorTypeRepository types, PolicyChanges changes) {
        this.types = types;
        this.changes = changes;
    }

    @WithSession
    public Uni<List<FactorTypeView>> list() {
        return types.ordered().map(list -> list.stream().map(Mapping::factorType).toList());
    }

    @WithSession
    public Uni<FactorTypeView> get(String type) {
        return types.findById(type).map(t -> Mapping.factorType(found(t, type)));
    }

    @WithTransaction
    public Uni<Written<FactorTypeView>> setActive(String actor, String type, boolean active, String ifMatch) {
        return changes.lockAndLoad().chain(config -> {
            FactorTypeEntity entity = found(config.factorTypes().stream().filter(t -> t.type.equals(type)).findFirst()
                    .orElse(null), type);
            Checks.ifMatch(ifMatch, entity.version, "factor type " + type);
            if (entity.active == active) {
                // already so: nothing changes, no new snapshot
                return Uni.createFrom().item(new Written<>(Mapping.factorType(entity), entity.version,
                        config.state().snapshotVersion));
            }
            if (!active) {
                var snapshot = SnapshotCompiler.compile(config.config(), Math.max(1, config.state().snapshotVersion),
                        changes.now());
                List<String> uses = FactorTypeUsage.usesOf(type, snapshot);
                if (!uses.isEmpty()) {
                    throw ProblemException.conflict("factor type '" + type + "' cannot be deactivated while in use by: "
                            + String.join("; ", uses));
                }
            }
            var before = Mapping.factorType(entity);
            entity.active = active;
            entity.version++;
            return changes.commit(actor, active ? "factor_type.activate" : "factor_type.deactivate", "factor_type",
                    type, before, Mapping.factorType(entity))
                    .map(v -> new Written<>(Mapping.factorType(entity), entity.version, v));
        });
    }

    private static FactorTypeEntity found(FactorTypeEntity entity, String type) {
        if (entity == null) {
            throw ProblemException.notFound("factor type '" + type + "'");
        }
        return entity;
    }
}
