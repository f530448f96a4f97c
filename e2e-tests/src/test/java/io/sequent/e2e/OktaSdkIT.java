package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.okta.authn.sdk.AuthenticationException;
import com.okta.authn.sdk.AuthenticationFailureException;
import com.okta.authn.sdk.AuthenticationStateHandler;
import com.okta.authn.sdk.FactorValidationException;
import com.okta.authn.sdk.client.AuthenticationClient;
import com.okta.authn.sdk.client.AuthenticationClients;
import com.okta.authn.sdk.resource.AuthenticationRequest;
import com.okta.authn.sdk.resource.AuthenticationResponse;
import com.okta.authn.sdk.resource.Factor;
import com.okta.authn.sdk.resource.FactorType;
import com.okta.authn.sdk.resource.VerifyFactorRequest;
import com.okta.authn.sdk.resource.VerifyPassCodeFactorRequest;
import com.okta.authn.sdk.resource.VerifyPushFactorRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Okta's published Java Authentication SDK ({@code com.okta.authn.sdk} 3.0.0 from Maven Central, with
 * the HTTP client it was built against), unchanged, as the client of auth-flow: the main flows reach
 * SUCCESS with a session token, and errors come back as the SDK's typed exceptions.
 */
@DisplayName("Okta compatibility: the unmodified Okta Java Authentication SDK")
class OktaSdkIT {

    static final String PASSWORD = "Sdk-Passw0rd-42";
    private static AuthenticationClient client;

    @BeforeAll
    static void sdkClient() {
        Suite.get();
        // The SDK's own switch for a non-https org URL (read once, when the builder is made; contract §8)
        System.setProperty("okta.testing.disableHttpsCheck", "true");
        client = AuthenticationClients.builder().setOrgUrl(Suite.Service.AUTH_FLOW.url()).build();
    }

    @BeforeEach
    void reset() {
        Policies.reset();
    }

    /** Records which of the SDK's state callbacks it dispatched to, and the response. */
    static final class Recorder implements AuthenticationStateHandler {
        final List<String> dispatched = new ArrayList<>();
        AuthenticationResponse response;

        private void on(String state, AuthenticationResponse r) {
            dispatched.add(state);
            response = r;
        }

        String last() {
            return dispatched.get(dispatched.size() - 1);
        }

        @Override public void handleUnauthenticated(AuthenticationResponse r) { on("UNAUTHENTICATED", r); }
        @Override public void handlePasswordWarning(AuthenticationResponse r) { on("PASSWORD_WARN", r); }
        @Override public void handlePasswordExpired(AuthenticationResponse r) { on("PASSWORD_EXPIRED", r); }
        @Override public void handleRecovery(AuthenticationResponse r) { on("RECOVERY", r); }
        @Override public void handleRecoveryChallenge(AuthenticationResponse r) { on("RECOVERY_CHALLENGE", r); }
        @Override public void handlePasswordReset(AuthenticationResponse r) { on("PASSWORD_RESET", r); }
        @Override public void handleLockedOut(AuthenticationResponse r) { on("LOCKED_OUT", r); }
        @Override public void handleMfaRequired(AuthenticationResponse r) { on("MFA_REQUIRED", r); }
        @Override public void handleMfaEnroll(AuthenticationResponse r) { on("MFA_ENROLL", r); }
        @Override public void handleMfaEnrollActivate(AuthenticationResponse r) { on("MFA_ENROLL_ACTIVATE", r); }
        @Override public void handleMfaChallenge(AuthenticationResponse r) { on("MFA_CHALLENGE", r); }
        @Override public void handleSuccess(AuthenticationResponse r) { on("SUCCESS", r); }
        @Override public void handleUnknown(AuthenticationResponse r) { on("UNKNOWN", r); }
    }

    private static String localUserWithPassword(String username) {
        String id = Users.local(username, null);
        Factors.password(id, PASSWORD);
        return id;
    }

    private static Factor factor(AuthenticationResponse response, FactorType type) {
        return response.getFactors().stream().filter(f -> f.getType() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " factor in " + response.getFactors()));
    }

    @Test
    @DisplayName("authenticate(username, password) reaches SUCCESS with a sessionToken; a wrong password is E0000004")
    void passwordSignInReachesSuccessWithASessionToken() throws AuthenticationException {
        Policies.passwordSignIn();
        String username = Users.unique("sdk");
        String userId = localUserWithPassword(username);
        Policies.sync();

        Recorder handler = new Recorder();
        AuthenticationResponse response = client.authenticate(username, PASSWORD.toCharArray(), "/after-login", handler);
        assertThat(handler.dispatched).containsExactly("SUCCESS");
        assertThat(response.getSessionToken()).isNotBlank();
        assertThat(response.getRelayState()).isEqualTo("/after-login");
        assertThat(response.getExpiresAt()).isNotNull();
        assertThat(response.getUser().getId()).isEqualTo(userId);
        assertThat(response.getUser().getLogin()).isEqualTo(username);

        assertThatThrownBy(() -> client.authenticate(username, "not-the-password".toCharArray(), null, new Recorder()))
                .isInstanceOf(AuthenticationFailureException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).getCode()).isEqualTo("E0000004"));
        // an unknown user gets exactly the same (S1)
        assertThatThrownBy(() -> client.authenticate(Users.unique("ghost"), PASSWORD.toCharArray(), null, new Recorder()))
                .isInstanceOf(AuthenticationFailureException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).getCode()).isEqualTo("E0000004"));
    }

    @Test
    @DisplayName("MFA_REQUIRED -> verify TOTP -> SUCCESS; a wrong code is the SDK's FactorValidationException E0000068")
    void mfaRequiredThenTotpReachesSuccess() throws AuthenticationException {
        Policies.passwordSignIn();
        Policies.environment("YES", "token:software:totp");
        String username = Users.unique("sdk-mfa");
        String userId = localUserWithPassword(username);
        Totp app = Factors.totp(userId);
        Policies.sync();

        Recorder handler = new Recorder();
        AuthenticationResponse mfa = client.authenticate(username, PASSWORD.toCharArray(), null, handler);
        assertThat(handler.last()).isEqualTo("MFA_REQUIRED");
        Factor totp = factor(mfa, FactorType.TOKEN_SOFTWARE_TOTP);
        assertThat(totp.getId()).isEqualTo(app.factorId);

        VerifyPassCodeFactorRequest wrong = client.instantiate(VerifyPassCodeFactorRequest.class)
                .setPassCode(app.wrongCode());
        wrong.setStateToken(mfa.getStateToken());
        assertThatThrownBy(() -> client.verifyFactor(totp.getId(), wrong, new Recorder()))
                .isInstanceOf(FactorValidationException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).getCode()).isEqualTo("E0000068"));

        VerifyPassCodeFactorRequest right = client.instantiate(VerifyPassCodeFactorRequest.class)
                .setPassCode(app.nextCode());
        right.setStateToken(mfa.getStateToken()); // a wrong code leaves the transaction as it was
        AuthenticationResponse success = client.verifyFactor(totp.getId(), right, handler);
        assertThat(handler.last()).isEqualTo("SUCCESS");
        assertThat(success.getSessionToken()).isNotBlank();
    }

    @Test
    @DisplayName("Passwordless [push, question]: authenticate(username only), push with number matching, answer -> SUCCESS")
    void passwordlessFactorSequenceReachesSuccess() throws AuthenticationException {
        Policies.factorSequence("[[\"push\", \"question\"]]");
        String username = Users.unique("sdk-seq");
        String userId = Users.local(username, null);
        PushDevice device = PushDevice.enroll(userId, "sdk phone");
        Factors.question(userId, "Jet Set Willy");
        Policies.sync();

        Recorder handler = new Recorder();
        AuthenticationRequest request = client.instantiate(AuthenticationRequest.class).setUsername(username);
        AuthenticationResponse first = client.authenticate(request, null, handler);
        assertThat(handler.last()).isEqualTo("UNAUTHENTICATED");
        Factor push = factor(first, FactorType.PUSH);
        String stateToken = first.getStateToken();

        VerifyPushFactorRequest send = client.instantiate(VerifyPushFactorRequest.class);
        send.setStateToken(stateToken);
        AuthenticationResponse waiting = client.verifyFactor(push.getId(), send, handler);
        assertThat(handler.last()).isEqualTo("MFA_CHALLENGE");
        assertThat(waiting.getFactorResult()).isEqualTo("WAITING");
        Integer number = waiting.getCorrectAnswer();
        assertThat(number).isBetween(10, 99);
        device.answer(number, true);

        AuthenticationResponse next = waiting;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while ("MFA_CHALLENGE".equals(handler.last()) && "WAITING".equals(next.getFactorResult())) {
            assertThat(Instant.now()).as("the push answer reached the sign-in").isBefore(deadline);
            Suite.sleep(300);
            next = client.verifyFactor(push.getId(), stateToken, handler); // the SDK's poll
        }
        assertThat(handler.last()).isEqualTo("MFA_REQUIRED");
        Factor question = factor(next, FactorType.QUESTION);

        VerifyFactorRequest answer = client.instantiate(VerifyFactorRequest.class);
        answer.setStateToken(stateToken);
        answer.put("answer", "Jet Set Willy");
        AuthenticationResponse success = client.verifyFactor(question.getId(), answer, handler);
        assertThat(handler.last()).isEqualTo("SUCCESS");
        assertThat(success.getSessionToken()).isNotBlank();
        assertThat(success.getUser().getId()).isEqualTo(userId);
    }

    @Test
    @DisplayName("cancel() ends the transaction; the dead state token is the SDK's InvalidTokenException E0000011")
    void cancelEndsTheTransaction() throws AuthenticationException {
        Policies.factorSequence("[[\"push\", \"question\"]]");
        String username = "sdk-cancel-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = Users.local(username, null);
        PushDevice.enroll(userId, "sdk phone");
        Policies.sync();

        AuthenticationResponse first = client.authenticate(client.instantiate(AuthenticationRequest.class).setUsername(username),
                null, new Recorder());
        client.cancel(first.getStateToken());
        assertThatThrownBy(() -> client.verifyFactor(factor(first, FactorType.PUSH).getId(), first.getStateToken(), new Recorder()))
                .isInstanceOf(com.okta.authn.sdk.InvalidTokenException.class)
                .satisfies(e -> assertThat(((AuthenticationException) e).getCode()).isEqualTo("E0000011"));
    }
}
