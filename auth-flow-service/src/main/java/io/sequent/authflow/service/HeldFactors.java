package io.sequent.authflow.service;

import io.quarkus.logging.Log;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.FactorEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ACTIVE factors a sign-in starts from (S4): the set the user read model holds, kept current by factor-service's
 * {@code factor.*} events; when it holds none, factor-service's list, remembered at the version factor-service gave.
 *
 * <p>The set only decides what is offered. Every verification is still factor-service's, against its own database,
 * so a set a moment old (a change made through factor-service's API whose event is still on its way, normally well
 * under a second) cannot let anyone in: a factor reset meanwhile is refused when verified, a factor added meanwhile is
 * offered once the event lands. Changes auth-flow makes itself (enrollment inside MFA_ENROLL) are read back from
 * factor-service at once ({@link #refresh}), so the user's next sign-in sees them.
 */
@ApplicationScoped
public class HeldFactors {

    private final UserReadModel users;
    private final FactorClient factors;
    private final boolean readModel;

    public HeldFactors(UserReadModel users, FactorClient factors,
                       @ConfigProperty(name = "sequent.authn.factor-read-model.enabled", defaultValue = "true")
                       boolean readModel) {
        this.users = users;
        this.factors = factors;
        this.readModel = readModel;
    }

    /** The user's ACTIVE factors: {@code held} when the read model had them, else factor-service's answer. */
    public Uni<List<FactorClient.Factor>> of(String userId, List<FactorEvent.Held> held) {
        if (readModel && held != null) {
            return Uni.createFrom().item(held.stream().map(HeldFactors::toFactor).toList());
        }
        return live(userId);
    }

    /**
     * After a change auth-flow made itself: factor-service's list, stored if newer than what the read model holds.
     * A failure is logged, not raised: the change is done, and its event brings the set later.
     */
    public Uni<Void> refresh(String userId) {
        if (!readModel) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> live(userId)).replaceWithVoid().onFailure().recoverWithUni(f -> {
            Log.warnf("cannot read back the factors of user %s after a change (their event will bring them): %s",
                    userId, f.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<List<FactorClient.Factor>> live(String userId) {
        return factors.activeFactors(userId).call(set -> remember(userId, set)).map(FactorClient.FactorSet::factors);
    }

    /** Stores a versioned answer; a Redis failure only costs the next sign-in another call. */
    private Uni<Void> remember(String userId, FactorClient.FactorSet set) {
        if (!readModel || set.version() == null) {
            return Uni.createFrom().voidItem();
        }
        return users.applyFactors(userId, set.version(), set.factors().stream().map(HeldFactors::toHeld).toList())
                .replaceWithVoid()
                .onFailure().recoverWithUni(f -> {
                    Log.debugf("cannot remember the factors of user %s: %s", userId, f.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    static FactorClient.Factor toFactor(FactorEvent.Held held) {
        return new FactorClient.Factor(held.id(), held.factorType(), held.provider(), "ACTIVE",
                new LinkedHashMap<>(held.profile()));
    }

    static FactorEvent.Held toHeld(FactorClient.Factor factor) {
        Map<String, String> profile = new LinkedHashMap<>();
        factor.profile().forEach((k, v) -> profile.put(k, v == null ? null : v.toString()));
        return new FactorEvent.Held(factor.id(), factor.factorType(), factor.provider(), profile);
    }
}
