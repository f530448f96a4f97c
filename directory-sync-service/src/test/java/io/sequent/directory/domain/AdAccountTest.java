package io.sequent.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.UserStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdAccountTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final long SET_YESTERDAY = FileTime.fromInstant(NOW.minus(Duration.ofDays(1)));
    static final Duration MAX_AGE = Duration.ofDays(42);
    static final Duration LOCKOUT = Duration.ofMinutes(30);

    static AdAccount account(long uac, Long pwdLastSet, Long lockoutTime, Long accountExpires) {
        return new AdAccount(uac, null, pwdLastSet, lockoutTime, accountExpires, null);
    }

    static AccountState eval(AdAccount a) {
        return a.evaluate(NOW, MAX_AGE, LOCKOUT);
    }

    @Test
    void normalAccountIsActiveWithPasswordExpiryFromMaxAge() {
        AccountState s = eval(account(512, SET_YESTERDAY, 0L, FileTime.NEVER));
        assertThat(s.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(s.passwordExpired()).isFalse();
        assertThat(s.passwordMustChange()).isFalse();
        assertThat(s.passwordExpiresAt()).isEqualTo(NOW.minus(Duration.ofDays(1)).plus(MAX_AGE));
        assertThat(s.accountExpired()).isFalse();
        assertThat(s.accountExpiresAt()).isNull();
    }

    @Test
    void bit0x2MeansDisabled() {
        assertThat(eval(account(514, SET_YESTERDAY, 0L, 0L)).status()).isEqualTo(UserStatus.DISABLED);
    }

    @Test
    void bit0x10MeansLocked() {
        assertThat(eval(account(512 | 0x10, SET_YESTERDAY, null, null)).status()).isEqualTo(UserStatus.LOCKED_OUT);
    }

    @Test
    void computedLockoutBitMeansLocked() {
        var a = new AdAccount(512L, 16L, SET_YESTERDAY, null, null, null);
        assertThat(eval(a).status()).isEqualTo(UserStatus.LOCKED_OUT);
    }

    @Test
    void disabledWinsOverLocked() {
        assertThat(eval(account(514 | 0x10, SET_YESTERDAY, 1L, null)).status()).isEqualTo(UserStatus.DISABLED);
    }

    @Test
    void recentLockoutTimeMeansLockedUntilTheDurationPasses() {
        long tenMinutesAgo = FileTime.fromInstant(NOW.minus(Duration.ofMinutes(10)));
        long hourAgo = FileTime.fromInstant(NOW.minus(Duration.ofHours(1)));
        assertThat(eval(account(512, SET_YESTERDAY, tenMinutesAgo, null)).status()).isEqualTo(UserStatus.LOCKED_OUT);
        assertThat(eval(account(512, SET_YESTERDAY, hourAgo, null)).status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(account(512, SET_YESTERDAY, hourAgo, null).evaluate(NOW, MAX_AGE, null).status())
                .as("without a lockout duration a lockout lasts until unlocked").isEqualTo(UserStatus.LOCKED_OUT);
    }

    @Test
    void zeroLockoutTimeIsNotLocked() {
        assertThat(eval(account(512, SET_YESTERDAY, 0L, null)).status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void pwdLastSetZeroMeansMustChangeAndExpired() {
        AccountState s = eval(account(512, 0L, 0L, null));
        assertThat(s.passwordMustChange()).isTrue();
        assertThat(s.passwordExpired()).isTrue();
        assertThat(s.status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void passwordOlderThanMaxAgeIsExpired() {
        long old = FileTime.fromInstant(NOW.minus(Duration.ofDays(365)));
        AccountState s = eval(account(512, old, 0L, null));
        assertThat(s.passwordExpired()).isTrue();
        assertThat(s.passwordMustChange()).isFalse();
    }

    @Test
    void bit0x10000MeansThePasswordNeverExpires() {
        long old = FileTime.fromInstant(NOW.minus(Duration.ofDays(365)));
        AccountState s = eval(account(512 | 0x10000, old, 0L, null));
        assertThat(s.passwordExpired()).isFalse();
        assertThat(s.passwordExpiresAt()).isNull();
    }

    @Test
    void computedPasswordExpiryWinsOverMaxAge() {
        long inAnHour = FileTime.fromInstant(NOW.plus(Duration.ofHours(1)));
        long anHourAgo = FileTime.fromInstant(NOW.minus(Duration.ofHours(1)));
        long old = FileTime.fromInstant(NOW.minus(Duration.ofDays(365)));
        assertThat(eval(new AdAccount(512L, null, old, null, null, inAnHour)).passwordExpired()).isFalse();
        assertThat(eval(new AdAccount(512L, null, SET_YESTERDAY, null, null, anHourAgo)).passwordExpired()).isTrue();
        assertThat(eval(new AdAccount(512L, null, old, null, null, FileTime.NEVER)).passwordExpiresAt()).isNull();
        assertThat(eval(new AdAccount(512L, null, old, null, null, FileTime.NEVER)).passwordExpired()).isFalse();
    }

    @Test
    void computedPasswordExpiredBitMeansExpired() {
        assertThat(eval(new AdAccount(512L, 0x800000L, SET_YESTERDAY, null, null, null)).passwordExpired()).isTrue();
    }

    @Test
    void withoutMaxAgeOrComputedExpiryThePasswordDoesNotExpire() {
        long old = FileTime.fromInstant(NOW.minus(Duration.ofDays(365)));
        AccountState s = account(512, old, 0L, null).evaluate(NOW, null, LOCKOUT);
        assertThat(s.passwordExpired()).isFalse();
        assertThat(s.passwordExpiresAt()).isNull();
    }

    @Test
    void accountExpiresZeroAndMaxMeanNever() {
        assertThat(eval(account(512, SET_YESTERDAY, 0L, 0L)).accountExpiresAt()).isNull();
        assertThat(eval(account(512, SET_YESTERDAY, 0L, FileTime.NEVER)).accountExpiresAt()).isNull();
        assertThat(eval(account(512, SET_YESTERDAY, 0L, FileTime.NEVER)).accountExpired()).isFalse();
    }

    @Test
    void accountExpiresInThePastMeansExpired() {
        AccountState s = eval(account(512, SET_YESTERDAY, 0L, 1L));
        assertThat(s.accountExpired()).isTrue();
        assertThat(s.accountExpiresAt()).isEqualTo(Instant.parse("1601-01-01T00:00:00.0000001Z"));
        long tomorrow = FileTime.fromInstant(NOW.plus(Duration.ofDays(1)));
        assertThat(eval(account(512, SET_YESTERDAY, 0L, tomorrow)).accountExpired()).isFalse();
        assertThat(eval(account(512, SET_YESTERDAY, 0L, tomorrow)).accountExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void nonAdEntryWithoutAttributesIsActive() {
        AccountState s = new AdAccount(null, null, null, null, null, null).evaluate(NOW, MAX_AGE, LOCKOUT);
        assertThat(s.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(s.passwordExpired()).isFalse();
        assertThat(s.accountExpired()).isFalse();
    }

    @Test
    void fileTimeRoundTripsAndKnowsTheUnixEpoch() {
        assertThat(FileTime.toInstant(116_444_736_000_000_000L)).contains(Instant.EPOCH);
        assertThat(FileTime.fromInstant(Instant.EPOCH)).isEqualTo(116_444_736_000_000_000L);
        assertThat(FileTime.toInstant(FileTime.fromInstant(NOW))).contains(NOW);
        assertThat(FileTime.toInstant(134_398_137_670_000_000L)).contains(Instant.parse("2026-11-22T09:36:07Z"));
        assertThat(FileTime.toInstant(0)).isEmpty();
        assertThat(FileTime.toInstant(-1)).isEmpty();
        assertThat(FileTime.toInstant(FileTime.NEVER)).isEmpty();
    }
}
