package io.sequent.authflow.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.events.policy.PolicySnapshot.ConnectionKindOrPassword;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** S4 next steps and completion, S9 satisfaction, on the plan the transaction carries. */
class ChainPlanTest {

    static FlowPlan plan(List<List<String>> chains, List<String> methods, List<String> enrolled) {
        return new FlowPlan("u1", null, FlowPlan.Primary.CHAINS, chains, null, ConnectionKindOrPassword.PASSWORD,
                true, methods, List.of(), List.of(), enrolled, PasswordState.OK, false, false, 60);
    }

    private static List<String> list(String csv) {
        return csv == null || csv.isBlank() ? List.of() : List.of(csv.split(" "));
    }

    private static final List<List<String>> CHAINS = List.of(
            List.of("sms", "push"), List.of("push", "question"), List.of("push", "sms", "email"));

    @ParameterizedTest(name = "S4 after [{0}] with [{1}] enrolled the next step offers [{2}]")
    @CsvSource(delimiter = '|', value = {
            "            | sms push question email | sms push",
            "sms         | sms push question email | push",
            "push        | sms push question email | question sms",
            "push        | sms push email          | sms",
            "push sms    | sms push question email | email",
            "push sms    | sms push                | ",
            "question    | sms push question email | ",
            "sms push    | sms push question email | ",
    })
    void nextStepOffersTheNextFactorOfEveryConsistentChain(String verified, String enrolled, String offers) {
        assertThat(plan(CHAINS, List.of(), list(enrolled)).primaryOffers(list(verified), list(enrolled)))
                .containsExactlyElementsOf(list(offers));
    }

    @ParameterizedTest(name = "S4 [{0}] completes a chain: {1}")
    @CsvSource(delimiter = '|', value = {
            "sms push           | true",
            "push question      | true",
            "push sms           | false",
            "push sms email     | true",
            "sms                | false",
            "push               | false",
            "                   | false",
            "question push      | false",
    })
    void aChainVerifiedFromFirstToLastIsThePrimaryAuthentication(String verified, boolean complete) {
        assertThat(plan(CHAINS, List.of(), List.of()).primaryComplete(list(verified))).isEqualTo(complete);
    }

    @ParameterizedTest(name = "S9 verified [{0}], methods [{1}]: satisfied {2}")
    @CsvSource(delimiter = '|', value = {
            "sms push          | push sms    | true",
            "sms push          | push        | true",
            "sms push          | question    | false",
            "password push     | push        | true",
            "password          | push        | false",
            "push              | push        | false",
            "password question | push        | false",
            "federated:idp push| push        | true",
            "federated:idp     | push        | false",
            "password sms      | password    | false",
    })
    void mfaIsSatisfiedByTwoTypesOneOfThemANonPasswordMethod(String verified, String methods, boolean satisfied) {
        assertThat(plan(CHAINS, list(methods), List.of()).mfaSatisfied(list(verified))).isEqualTo(satisfied);
    }

    @Test
    void s9MfaRequiredListsTheEnrolledFactorsOfTheMethodsNotYetVerified() {
        FlowPlan p = plan(List.of(List.of("password")), List.of("push", "token:software:totp", "sms", "password"),
                List.of("sms", "push"));
        assertThat(p.mfaOffers(List.of("password"), List.of("sms", "push", "question"))).containsExactly("push", "sms");
        assertThat(p.mfaOffers(List.of("password", "push"), List.of("sms", "push"))).containsExactly("sms");
    }

    @Test
    void s4ChainsAreValidated() {
        assertThatThrownBy(() -> plan(List.of(), List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan(List.of(List.of("sms", "sms")), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan(List.of(List.of("a", "b", "c", "d", "e", "f")), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowPlan("u1", null, FlowPlan.Primary.FEDERATED, List.of(), null,
                ConnectionKindOrPassword.PASSWORD, false, null, null, null, null, PasswordState.OK, false, false, 60))
                .isInstanceOf(IllegalArgumentException.class);
        // S11: a REQUIRED enrollment is one of the enrollable methods
        assertThatThrownBy(() -> new FlowPlan("u1", null, FlowPlan.Primary.CHAINS, List.of(List.of("password")), null,
                ConnectionKindOrPassword.PASSWORD, true, List.of("sms"), List.of("sms"), List.of("push"), List.of(),
                PasswordState.OK, false, false, 60))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
