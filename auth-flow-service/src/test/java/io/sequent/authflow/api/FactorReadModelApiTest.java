package io.sequent.authflow.api;

import static io.sequent.authflow.api.AuthnApiTest.AUTHN;
import static io.sequent.authflow.api.AuthnApiTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.sequent.authflow.client.DirectoryClient;
import io.sequent.authflow.client.FactorClient;
import io.sequent.authflow.client.NeighbourRejected;
import io.sequent.authflow.persistence.PolicySnapshots;
import io.sequent.authflow.persistence.UserReadModel;
import io.sequent.events.CloudEvent;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.UserSnapshot;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.testing.TopicProbe;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The users' factor sets in the read model: {@code factor.*} events from the real topic fill it, identification offers
 * from it without asking factor-service, a set it does not hold is asked for and remembered at factor-service's
 * version, and an older set never replaces a newer one. factor-service is the mocked neighbour, so every call to it is
 * counted.
 */
@QuarkusTest
class FactorReadModelApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectMock
    FactorClient factors;

    @InjectMock
    DirectoryClient directory;

    @Inject
    UserReadModel users;

    @Inject
    PolicySnapshots policies;

    UserSnapshot user;

    @BeforeEach
    void seed() {
        when(factors.decoyPassword(any())).thenReturn(Uni.createFrom().voidItem());
        policies.offer(AuthnFixtures.policy());
        user = AuthnFixtures.user(UUID.randomUUID().toString(), AuthnFixtures.newUsername("fay"), 1, UserStatus.ACTIVE,
                UserSource.LOCAL);
        users.apply(user).await().atMost(WAIT);
    }

    private static FactorEvent.Held held(String type, Map<String, String> profile) {
        return new FactorEvent.Held(UUID.randomUUID().toString(), type, "OKTA", profile);
    }

    private void publish(long version, List<FactorEvent.Held> set) {
        var changed = set.isEmpty() ? held("sms", Map.of()) : set.get(set.size() - 1);
        TopicProbe.publish(CloudEvent.of(EventType.FACTOR_ACTIVATED, "/test", user.userId(), 1L, Instant.now(),
                new FactorEvent(user.userId(), changed.id(), changed.factorType(), "OKTA", "ACTIVE", null, null, version, set)));
    }

    private Optional<List<FactorEvent.Held>> stored() {
        return users.findFactors(user.userId()).await().atMost(WAIT);
    }

    private JsonPath identify() {
        return ok(AUTHN, Map.of("username", user.username()));
    }

    @Test
    void identificationOffersTheSetAnEventBroughtWithoutAskingFactorService() {
        var sms = held("sms", Map.of("phoneNumber", "+1 XXX-XXX-4242"));
        var push = held("push", Map.of("name", "Pixel 8"));
        publish(3, List.of(sms, push));
        await().atMost(WAIT).until(() -> stored().map(s -> s.size() == 2).orElse(false));

        JsonPath first = identify();

        assertThat(first.getString("status")).as("the first step of factor sequencing").isEqualTo("UNAUTHENTICATED");
        assertThat(first.getList("_embedded.factors.id")).containsExactlyInAnyOrder(sms.id(), push.id());
        assertThat(first.getList("_embedded.factors.factorType")).containsExactlyInAnyOrder("sms", "push");
        verify(factors, never()).activeFactors(user.userId());

        // a later event replaces the set: the reset push is no longer offered
        publish(4, List.of(sms));
        await().atMost(WAIT).until(() -> stored().map(s -> s.size() == 1).orElse(false));
        assertThat(identify().getList("_embedded.factors.id")).containsExactly(sms.id());
        verify(factors, never()).activeFactors(user.userId());
    }

    @Test
    void aFactorResetWhileStillOfferedIsNotFoundWhenChallenged() {
        var sms = held("sms", Map.of("phoneNumber", "+1 XXX-XXX-4242"));
        assertThat(users.applyFactors(user.userId(), 3, List.of(sms, held("push", Map.of()))).await().atMost(WAIT)).isTrue();
        String token = identify().getString("stateToken");
        when(factors.challenge(user.userId(), sms.id()))
                .thenReturn(Uni.createFrom().failure(new NeighbourRejected(404, "factor " + sms.id() + " not found")));

        AuthnApiTest.error(AUTHN + "/factors/" + sms.id() + "/verify", Map.of("stateToken", token), 404, "E0000007");
    }

    @Test
    void anOlderSetNeverReplacesANewerOneWhateverItsWay() {
        var sms = held("sms", Map.of());
        var push = held("push", Map.of());
        assertThat(users.applyFactors(user.userId(), 5, List.of(sms)).await().atMost(WAIT)).isTrue();

        assertThat(users.applyFactors(user.userId(), 4, List.of(sms, push)).await().atMost(WAIT)).isFalse();
        assertThat(users.applyFactors(user.userId(), 5, List.of(push)).await().atMost(WAIT)).as("equal version").isFalse();
        publish(4, List.of(sms, push));
        // a later event of the same user (same key, same partition) proves the older one was read before it
        var question = held("question", Map.of("question", "favorite_art_piece"));
        publish(6, List.of(sms, question));
        await().atMost(WAIT).until(() -> stored().map(s -> s.size() == 2 && s.contains(question)).orElse(false));
        assertThat(stored().orElseThrow()).containsExactly(sms, question);

        // factor-service's list at an older version than the stored set is not remembered either (the same script)
        assertThat(users.applyFactors(user.userId(), 2, List.of(push)).await().atMost(WAIT)).isFalse();
        assertThat(stored().orElseThrow()).containsExactly(sms, question);
    }

    @Test
    void aSetTheReadModelLacksIsAskedForOnceAndRememberedAtFactorServicesVersion() {
        FactorClient.Factor sms = AuthnFixtures.factor("sms", Map.of("phoneNumber", "+1 XXX-XXX-1337"));
        when(factors.activeFactors(user.userId())).thenReturn(Uni.createFrom().item(new FactorClient.FactorSet(List.of(sms), 7L)));

        assertThat(identify().getList("_embedded.factors.id")).containsExactly(sms.id());
        JsonPath second = identify();

        assertThat(second.getList("_embedded.factors.id")).containsExactly(sms.id());
        verify(factors, times(1)).activeFactors(user.userId());
        assertThat(stored().orElseThrow()).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(sms.id());
            assertThat(h.profile()).as("kept for the later steps, which show it").containsEntry("phoneNumber", "+1 XXX-XXX-1337");
        });
        // the event of version 7, arriving after the list, changes nothing; version 8 does
        assertThat(users.applyFactors(user.userId(), 7, List.of()).await().atMost(WAIT)).isFalse();
        assertThat(users.applyFactors(user.userId(), 8, List.of()).await().atMost(WAIT)).isTrue();
    }

    @Test
    void anAnswerWithoutAVersionIsUsedButNotRemembered() {
        FactorClient.Factor push = AuthnFixtures.factor("push", Map.of());
        when(factors.activeFactors(user.userId())).thenReturn(AuthnFixtures.holding(List.of(push)));

        identify();
        identify();

        verify(factors, times(2)).activeFactors(user.userId());
        assertThat(stored()).isEmpty();
    }

    @Test
    void anEventWithoutASetLeavesTheStoredOneAlone() {
        var sms = held("sms", Map.of());
        assertThat(users.applyFactors(user.userId(), 3, List.of(sms)).await().atMost(WAIT)).isTrue();
        TopicProbe.publish(CloudEvent.of(EventType.FACTOR_LOCKED, "/test", user.userId(), 2L, Instant.now(),
                new FactorEvent(user.userId(), sms.id(), "sms", "OKTA", "ACTIVE", "too many failed verifications",
                        Instant.now().plusSeconds(600))));
        var push = held("push", Map.of());
        publish(4, List.of(sms, push));

        await().atMost(WAIT).until(() -> stored().map(s -> s.size() == 2).orElse(false));
        assertThat(stored().orElseThrow()).containsExactly(sms, push);
    }
}
