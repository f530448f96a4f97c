package io.sequent.policy.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.policy.api.Requests.EnvironmentMfaRequest;
import io.sequent.policy.api.Views.EnvironmentMfaView;
import io.sequent.policy.domain.Methods;
import io.sequent.policy.domain.Violation;
import io.sequent.policy.domain.Warning;
import io.sequent.policy.persistence.PolicyStateEntity;
import io.sequent.policy.persistence.PolicyStateRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Environment MFA (S7). */
@ApplicationScoped
public class EnvironmentService {

    private final PolicyStateRepository states;
    private final PolicyChanges changes;

    public EnvironmentService(PolicyStateRepository states, PolicyChanges changes) {
        this.states = states;
        this.changes = changes;
    }

    @WithSession
    public Uni<EnvironmentMfaView> get() {
        return states.read().map(state -> Mapping.environment(state, List.of()));
    }

    @WithTransaction
    public Uni<Written<EnvironmentMfaView>> update(String actor, String ifMatch, EnvironmentMfaRequest request) {
        return changes.lockAndLoad().chain(config -> {
            PolicyStateEntity state = config.state();
            Checks.ifMatch(ifMatch, state.envVersion, "the environment MFA setting");
            List<String> methods = request.methods() == null ? List.of() : request.methods();
            List<Violation> violations = new ArrayList<>(Methods.check("/methods", methods, config.activeFactorTypes()));
            if (request.mode() != MfaMode.NO && methods.isEmpty()) {
                violations.add(new Violation("/methods", "mode " + request.mode() + " needs at least one MFA method"));
            }
            Checks.valid(violations);
            List<Warning> warnings = new ArrayList<>();
            if (request.mode() == MfaMode.YES) {
                config.orgs().stream().filter(o -> !o.mfaEnforced).findAny().ifPresent(o -> warnings.add(new Warning("S7",
                        "mode YES requires MFA in every organisation, including those whose own enforcement is off")));
            }
            var before = Mapping.environment(state, List.of());
            state.envMfaMode = request.mode();
            state.envMfaMethods = List.copyOf(methods);
            state.envVersion++;
            var after = Mapping.environment(state, List.of());
            return changes.commit(actor, "environment.mfa.update", "environment", "mfa", before, after)
                    .map(v -> new Written<>(Mapping.environment(state, warnings), state.envVersion, v));
        });
    }
}
