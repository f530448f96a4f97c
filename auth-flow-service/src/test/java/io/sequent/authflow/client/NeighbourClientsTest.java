package io.sequent.authflow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** The two client wrappers over real HTTP: answers read, failures sorted, never a success by default. */
@QuarkusTest
@QuarkusTestResource(value = FakeNeighbours.class, restrictToAnnotatedClass = true)
class NeighbourClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    FactorClient factors;

    @Inject
    DirectoryClient directory;

    @Test
    void readsTheFactorsWithAServiceTokenOfAuthFlowsOwn() {
        var set = factors.activeFactors("ok").await().atMost(WAIT);
        assertThat(set.version()).isEqualTo(42L);
        assertThat(set.factors()).singleElement().satisfies(f -> {
            assertThat(f.factorType()).isEqualTo("sms");
            assertThat(f.profile()).containsEntry("phoneNumber", "+1 XXX-XXX-1337");
        });
        String header = FakeNeighbours.AUTHORIZATIONS.get(FakeNeighbours.AUTHORIZATIONS.size() - 1);
        assertThat(header).startsWith("Bearer ");
        String payload = new String(Base64.getUrlDecoder().decode(header.substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"service\"").contains("auth-flow-service");
    }

    @Test
    void aVerificationOutcomeIsReadAsGiven() {
        var result = factors.verify("ok", "f1", new FactorClient.VerifyBody("123456", null, null, null))
                .await().atMost(WAIT);
        assertThat(result.outcome()).isEqualTo("INVALID");
    }

    @Test
    void aRefusedActivationCarriesFactorServicesOktaErrorCodeAndDetail() {
        Throwable failure = catchThrowable(() -> factors.activate("wrong-code", "f1", FactorClient.ActivateBody.passCode("000000")).await().atMost(WAIT));
        assertThat(failure).isInstanceOf(NeighbourRejected.class);
        assertThat(((NeighbourRejected) failure).status()).isEqualTo(403);
        assertThat(((NeighbourRejected) failure).errorCode()).isEqualTo("E0000068");
        assertThat(((NeighbourRejected) failure).detail()).isEqualTo("invalid passcode or answer");
    }

    @Test
    void aPasswordChangeOutcomeIsReadAsGiven() {
        var result = factors.changePassword("ok", "old", "new").await().atMost(WAIT);
        assertThat(result.outcome()).isEqualTo("INVALID_OLD");
        assertThat(result.message()).isEqualTo("Old Password is not correct");
    }

    @Test
    void aServerErrorIsUnavailable() {
        Throwable failure = catchThrowable(() -> factors.challenge("broken", "f1").await().atMost(WAIT));
        assertThat(failure).isInstanceOf(NeighbourUnavailable.class);
    }

    @Test
    void aTooSoonResendIsRejectedWithItsStatus() {
        Throwable failure = catchThrowable(() -> factors.challenge("too-soon", "f1").await().atMost(WAIT));
        assertThat(failure).isInstanceOf(NeighbourRejected.class);
        assertThat(((NeighbourRejected) failure).status()).isEqualTo(429);
    }

    @Test
    void aUserFactorServiceDoesNotKnowHoldsNoFactors() {
        var set = factors.activeFactors("unknown").await().atMost(WAIT);
        assertThat(set.factors()).isEmpty();
        assertThat(set.version()).as("nothing to remember").isNull();
    }

    @Test
    void aHangingNeighbourTimesOut() {
        Throwable failure = catchThrowable(() -> factors.activeFactors("slow").await().atMost(WAIT));
        assertThat(failure).isInstanceOfAny(TimeoutException.class, NeighbourUnavailable.class);
    }

    @Test
    void theLiveStatusIsReadAndAnUnreachableDirectoryIsUnavailable() {
        var status = directory.liveStatus("ok").await().atMost(WAIT);
        assertThat(status.status()).isEqualTo("DISABLED");
        assertThat(status.source()).isEqualTo("LAST_IMPORTED");
        assertThat(catchThrowable(() -> directory.liveStatus("broken").await().atMost(WAIT)))
                .isInstanceOf(NeighbourUnavailable.class);
    }
}
