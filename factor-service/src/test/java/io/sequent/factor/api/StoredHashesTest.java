package io.sequent.factor.api;

import static io.sequent.factor.api.Fixtures.admin;
import static io.sequent.factor.api.Fixtures.row;
import static io.sequent.factor.api.Fixtures.update;
import static io.sequent.factor.api.KnowledgeFactorTest.enrollQuestion;
import static io.sequent.factor.api.KnowledgeFactorTest.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.events.EventType;
import io.sequent.events.FactorEvent;
import io.sequent.events.Topics;
import io.sequent.events.UserSource;
import io.sequent.factor.domain.AnswerHashes;
import io.sequent.factor.domain.Answers;
import io.sequent.factor.domain.Argon2id;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * How passwords and security answers are stored: the forms written today, and the forms of earlier releases (rows
 * planted as they stored them) that still verify and are replaced by today's form at the first success, silently:
 * same version, no {@code factor.reset}.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
@org.junit.jupiter.api.extension.ExtendWith(LogHygiene.class)
class StoredHashesTest {

    /** The parameters every password and answer was hashed with before this release. */
    private static final Argon2id EARLIER = new Argon2id(19456, 2, 1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A keyed answer hasher over the test profile's key ring, with {@code active} as the key new hashes are made under. */
    private static AnswerHashes ring(String active) {
        return new AnswerHashes(Map.of("k0", key("k0"), "k1", key("k1")), active, RANDOM);
    }

    private static byte[] key(String id) {
        return Base64.getDecoder().decode(ConfigProvider.getConfig().getValue("sequent.factor.encryption.keys." + id, String.class));
    }

    private static Map<String, Object> stored(String factorId) {
        return row("select verifier, version from factor where id = ?", UUID.fromString(factorId));
    }

    private static void plant(String factorId, String verifier) {
        assertThat(update("update factor set verifier = ? where id = ?", verifier, UUID.fromString(factorId))).isEqualTo(1);
    }

    @Test
    void anAnswerEnrolledNowIsAKeyedHashUnderTheActiveKeyOfTheRing() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollQuestion(userId, "Blue Cheese");
        String verifier = (String) stored(factorId).get("verifier");
        assertThat(verifier).matches("\\$hmac-sha256\\$k=k1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}").doesNotContainIgnoringCase("cheese");
        // keyed by the configured ring: the same ring outside the service checks it, a hash of the answer alone does not
        assertThat(ring("k1").verify("blue cheese", verifier)).isTrue();
        assertThat(verify(userId, factorId, "answer", "  BLUE cheese")).isEqualTo("SUCCESS");
        assertThat(verify(userId, factorId, "answer", "blue cheeses")).isEqualTo("INVALID");
        // already today's form: a success leaves it as it was
        assertThat(stored(factorId)).containsEntry("verifier", verifier);
    }

    @Test
    void aLegacyArgon2idAnswerStillVerifiesAndIsReplacedByTheKeyedFormAtTheFirstSuccess() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollQuestion(userId, "pickled herring");
        String legacy = EARLIER.hash(Answers.normalise("pickled herring"), RANDOM);
        plant(factorId, legacy);
        long version = (Long) stored(factorId).get("version");

        assertThat(verify(userId, factorId, "answer", "smoked herring")).isEqualTo("INVALID");
        assertThat(stored(factorId)).containsEntry("verifier", legacy);

        assertThat(verify(userId, factorId, "answer", "Pickled  Herring")).isEqualTo("SUCCESS");
        String upgraded = (String) stored(factorId).get("verifier");
        assertThat(upgraded).startsWith("$hmac-sha256$k=k1$");
        assertThat(ring("k1").verify("pickled herring", upgraded)).isTrue();
        assertThat(stored(factorId)).containsEntry("version", version);
        assertThat(verify(userId, factorId, "answer", "pickled herring")).isEqualTo("SUCCESS");
        assertThat(verify(userId, factorId, "answer", "smoked herring")).isEqualTo("INVALID");
    }

    @Test
    void anAnswerKeyedUnderAnOlderKeyOfTheRingVerifiesAndIsKeyedAgainUnderTheActiveOne() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollQuestion(userId, "anchovies");
        String underK0 = ring("k0").hash("anchovies");
        plant(factorId, underK0);
        assertThat(verify(userId, factorId, "answer", "sardines")).isEqualTo("INVALID");
        assertThat(stored(factorId)).containsEntry("verifier", underK0);
        assertThat(verify(userId, factorId, "answer", "Anchovies")).isEqualTo("SUCCESS");
        assertThat((String) stored(factorId).get("verifier")).startsWith("$hmac-sha256$k=k1$");
    }

    @Test
    void anAnswerUnderAKeyMissingFromTheRingCannotBeCheckedAndIsNeverASuccessNorAFailure() {
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = enrollQuestion(userId, "liquorice");
        byte[] retired = new byte[32];
        RANDOM.nextBytes(retired);
        String orphan = new AnswerHashes(Map.of("retired", retired), "retired", RANDOM).hash("liquorice");
        plant(factorId, orphan);
        // more attempts than the test profile's lockout allows (5): none is counted as a failure
        for (int i = 0; i < 6; i++) {
            assertThat(verify(userId, factorId, "answer", i % 2 == 0 ? "liquorice" : "wrong")).isEqualTo("UNAVAILABLE");
        }
        admin().body(Map.of("answer", "liquorice")).post("/api/v1/users/" + userId + "/factors/" + factorId + "/verify")
                .then().statusCode(503).body("status", equalTo(503));
        assertThat(stored(factorId)).containsEntry("verifier", orphan);
    }

    @Test
    void aPasswordHashedWithTheEarlierParametersVerifiesAndIsHashedAgainWithTheCurrentOnesSilently() {
        String password = "Earlier-params-9";
        String userId = Fixtures.newUser(UserSource.LOCAL);
        String factorId = PasswordChangeTest.enrollPassword(userId, password);
        String legacy = EARLIER.hash(password, RANDOM);
        plant(factorId, legacy);
        long version = (Long) stored(factorId).get("version");

        try (TopicProbe probe = new TopicProbe(Topics.FACTOR_EVENTS)) {
            assertThat(PasswordChangeTest.verify(userId, factorId, "earlier-params-9")).isEqualTo("INVALID");
            assertThat(stored(factorId)).containsEntry("verifier", legacy);

            assertThat(PasswordChangeTest.verify(userId, factorId, password)).isEqualTo("SUCCESS");
            String rehashed = (String) stored(factorId).get("verifier");
            assertThat(rehashed).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
            assertThat(Argon2id.verify(password, rehashed)).isTrue();
            assertThat(stored(factorId)).containsEntry("version", version);
            // today's parameters: the next success keeps the hash
            assertThat(PasswordChangeTest.verify(userId, factorId, password)).isEqualTo("SUCCESS");
            assertThat(stored(factorId)).containsEntry("verifier", rehashed);

            // the version the re-hash kept is the one a password change checks; the change's factor.reset is the only one
            assertThat(PasswordChangeTest.change(userId, password, "Current-params-9")).containsEntry("outcome", "CHANGED");
            var reset = probe.await(Duration.ofSeconds(20), userId, EventType.FACTOR_RESET.typeName());
            assertThat(((FactorEvent) reset.data()).reason()).isEqualTo("password changed");
            assertThat(probe.drain(Duration.ZERO).stream().filter(r -> userId.equals(r.key()))
                    .filter(r -> r.value().contains("\"type\":\"" + EventType.FACTOR_RESET.typeName() + "\""))).hasSize(1);
        }
        assertThat(PasswordChangeTest.verify(userId, factorId, "Current-params-9")).isEqualTo("SUCCESS");
    }
}
