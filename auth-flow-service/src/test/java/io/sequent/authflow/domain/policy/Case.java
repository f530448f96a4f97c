package io.sequent.authflow.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One row of a rule table: the sentence it proves, how to decide, and what must hold. The
 * expectations below each check something that a wrong decision would break.
 */
record Case(String name, Supplier<Decision> decide, Consumer<Decision> expect) {

    @Override
    public String toString() {
        return name;
    }

    void run() {
        expect.accept(decide.get());
    }

    static Case of(String name, Supplier<Decision> decide, Consumer<Decision> expect) {
        return new Case(name, decide, expect);
    }

    static Consumer<Decision> refused(RefusalReason why) {
        return d -> {
            assertThat(d).isInstanceOf(Decision.Refused.class);
            assertThat(((Decision.Refused) d).reason()).isEqualTo(why);
            assertThat(d.outwardStatus()).isEqualTo(Decision.Outward.AUTHENTICATION_FAILED);
            Reason last = d.reasons().get(d.reasons().size() - 1);
            assertThat(last.rule()).isEqualTo(Rule.S1);
            assertThat(d.reasons()).anyMatch(r -> r.rule() == why.rule());
        };
    }

    static Consumer<Decision> lockedOut() {
        return d -> {
            assertThat(d).isInstanceOf(Decision.LockedOut.class);
            assertThat(d.outwardStatus()).isEqualTo(Decision.Outward.LOCKED_OUT);
        };
    }

    static Consumer<Decision> allowed(Consumer<Decision.Allowed> more) {
        return d -> {
            assertThat(d).as("decision with reasons %s", d.reasons()).isInstanceOf(Decision.Allowed.class);
            assertThat(d.outwardStatus()).isEqualTo(Decision.Outward.PROCEED);
            more.accept((Decision.Allowed) d);
        };
    }

    static Consumer<Decision> allowedWithMfa(boolean required) {
        return allowed(a -> assertThat(a.plan().mfaRequired()).as("MFA required, reasons %s", a.reasons())
                .isEqualTo(required));
    }

    static Consumer<Decision.Allowed> fired(String... codes) {
        return a -> assertThat(a.reasons().stream().map(Reason::code).toList()).containsSubsequence(List.of(codes));
    }

    static Consumer<Decision.Allowed> notFired(String code) {
        return a -> assertThat(a.reasons().stream().map(Reason::code).toList()).doesNotContain(code);
    }
}
