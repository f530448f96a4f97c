package io.sequent.factor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmallRulesTest {

    @Test
    void argon2idHashesVerifyAndCarryTheirParameters() {
        Argon2id fast = new Argon2id(1024, 1, 1);
        String phc = fast.hash("correct horse", new SecureRandom());
        assertThat(phc).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(Argon2id.verify("correct horse", phc)).isTrue();
        assertThat(Argon2id.verify("correct horse!", phc)).isFalse();
        assertThat(fast.hash("correct horse", new SecureRandom())).isNotEqualTo(phc);
    }

    @Test
    void argon2idDefaultsAreSevenMibFivePassesOneLaneAndMalformedHashesNeverMatch() {
        assertThat(Argon2id.DEFAULT).isEqualTo(new Argon2id(7168, 5, 1));
        String phc = Argon2id.DEFAULT.hash("correct horse", new SecureRandom());
        assertThat(phc).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(Argon2id.verify("correct horse", phc)).isTrue();
        assertThat(Argon2id.verify("x", null)).isFalse();
        assertThat(Argon2id.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(Argon2id.verify("x", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA")).isFalse();
        assertThat(Argon2id.verify("x", "garbage")).isFalse();
        // a tag this short is not one the service writes: an empty or tiny one must never match
        assertThat(Argon2id.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$")).isFalse();
        assertThat(Argon2id.verify("x", "$argon2id$v=19$m=1024,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA")).isFalse();
    }

    @Test
    void aHashOfOtherParametersNeedsRehashingAndOneOfTheCurrentOnesDoesNot() {
        SecureRandom random = new SecureRandom();
        Argon2id current = new Argon2id(2048, 2, 1);
        assertThat(current.needsRehash(current.hash("pw", random))).isFalse();
        // the hashes of the parameters used before: each one still verifies, and each one is due for a re-hash
        for (Argon2id older : java.util.List.of(new Argon2id(1024, 2, 1), new Argon2id(2048, 1, 1), new Argon2id(2048, 2, 2))) {
            String old = older.hash("pw", random);
            assertThat(Argon2id.verify("pw", old)).isTrue();
            assertThat(current.needsRehash(old)).as(old).isTrue();
        }
        // the parameters travel in the string: the production default's predecessor (19 MiB, 2 passes) is due too
        assertThat(Argon2id.DEFAULT.needsRehash("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isTrue();
        assertThat(Argon2id.DEFAULT.needsRehash("$argon2id$v=19$m=7168,t=5,p=1$AAAAAAAAAAAAAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isFalse();
        // a different salt or hash length than the service writes today is re-hashed as well; garbage always is
        assertThat(Argon2id.DEFAULT.needsRehash("$argon2id$v=19$m=7168,t=5,p=1$AAAAAAAAAAA$"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).isTrue();
        assertThat(Argon2id.DEFAULT.needsRehash("garbage")).isTrue();
        assertThat(Argon2id.DEFAULT.needsRehash(null)).isTrue();
    }

    @Test
    void answersAreComparedIgnoringCaseAndSpacing() {
        assertThat(Answers.normalise("  Mr.   Fluffy ")).isEqualTo("mr. fluffy");
        assertThat(Answers.normalise("ＭＲ Fluffy")).isEqualTo("mr fluffy");
        assertThat(Answers.normalise(null)).isEmpty();
    }

    @Test
    void phoneNumbersAreNormalisedToE164OrRefused() {
        assertThat(PhoneNumbers.normalise("+1 (555) 123-4567")).hasValue("+15551234567");
        assertThat(PhoneNumbers.normalise("555-1234")).isEmpty();
        assertThat(PhoneNumbers.normalise("+0123456789")).isEmpty();
        assertThat(PhoneNumbers.normalise(null)).isEmpty();
    }

    @Test
    void destinationsAreMaskedToTheirLastCharacters() {
        assertThat(Masking.phone("+15551234567")).isEqualTo("+XXXXXXX4567").doesNotContain("555123");
        assertThat(Masking.email("dana.smith@acme.example")).isEqualTo("d...h@acme.example");
        assertThat(Masking.email("d@acme.example")).isEqualTo("d...@acme.example");
    }

    @Test
    void oneTimeCodesAreSixDigits() {
        OneTimeCodes codes = new OneTimeCodes(new SecureRandom());
        for (int i = 0; i < 200; i++) {
            assertThat(OneTimeCodes.wellFormed(codes.next())).isTrue();
        }
        assertThat(OneTimeCodes.wellFormed("12345")).isFalse();
        assertThat(OneTimeCodes.wellFormed("12345a")).isFalse();
    }

    @Test
    void directoryBindResultsFailClosed() {
        assertThat(DirectoryBind.outcome("SUCCESS")).isEqualTo(VerifyOutcome.SUCCESS);
        assertThat(DirectoryBind.outcome("INVALID_CREDENTIALS")).isEqualTo(VerifyOutcome.INVALID);
        assertThat(DirectoryBind.outcome("NO_SUCH_USER")).isEqualTo(VerifyOutcome.INVALID);
        assertThat(DirectoryBind.outcome("PASSWORD_EXPIRED")).isEqualTo(VerifyOutcome.PASSWORD_EXPIRED);
        assertThat(DirectoryBind.outcome("MUST_CHANGE_PASSWORD")).isEqualTo(VerifyOutcome.MUST_CHANGE_PASSWORD);
        assertThat(DirectoryBind.outcome("DISABLED")).isEqualTo(VerifyOutcome.DISABLED);
        assertThat(DirectoryBind.outcome("ACCOUNT_EXPIRED")).isEqualTo(VerifyOutcome.DISABLED);
        assertThat(DirectoryBind.outcome("NOT_PERMITTED_NOW")).isEqualTo(VerifyOutcome.DISABLED);
        assertThat(DirectoryBind.outcome("LOCKED_OUT")).isEqualTo(VerifyOutcome.LOCKED);
        assertThat(DirectoryBind.outcome("NOT_A_DIRECTORY_USER")).isEqualTo(VerifyOutcome.UNAVAILABLE);
        assertThat(DirectoryBind.outcome("SOMETHING_NEW")).isEqualTo(VerifyOutcome.UNAVAILABLE);
        assertThat(DirectoryBind.outcome(null)).isEqualTo(VerifyOutcome.UNAVAILABLE);
    }

    @Test
    void questionsComeFromTheCatalogue() {
        assertThat(Questions.text("disliked_food")).isPresent();
        assertThat(Questions.text("made_up")).isEmpty();
        assertThat(FactorType.fromWireName("token:software:totp")).hasValue(FactorType.TOTP);
        assertThat(FactorType.fromWireName("totp")).isEmpty();
    }

    @Test
    void lockoutNeedsPositiveSettings() {
        assertThatThrownBy(() -> new Lockout(0, 5, Duration.ofMinutes(1), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Lockout(3, 5, Duration.ZERO, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
