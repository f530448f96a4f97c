package io.sequent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.events.policy.PolicyChanged;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.events.policy.PolicySnapshot.Access;
import io.sequent.events.policy.PolicySnapshot.EnvironmentMfa;
import io.sequent.events.policy.PolicySnapshot.MfaMode;
import io.sequent.events.policy.PolicySnapshot.OrgMfa;
import io.sequent.events.policy.PolicySnapshot.OrgPolicy;
import io.sequent.events.policy.PolicySnapshot.PolicyType;
import io.sequent.events.policy.PolicySnapshot.PrimaryAuth;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.SignOnPolicy;
import io.sequent.events.policy.PolicySnapshot.SignOnRule;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant T = Instant.parse("2026-11-22T10:15:30.123Z");

    static UserSnapshot alice(long version, UserStatus status) {
        return new UserSnapshot("u-1", version, UserSource.DIRECTORY, "d-1", "guid-1", "alice", "alice@acme.example",
                "Alice", "Adams", "Alice Adams", status, false, false, null, null, "acme",
                List.of(new OrgMembership("acme", List.of("admin", "staff"))), List.of("acme-Admins"), T);
    }

    @Test
    void userEventRoundTripsWithEveryField() {
        CloudEvent<UserSnapshot> event = CloudEvent.of(EventType.DIRECTORY_USER_DISABLED, "/sequent/directory-sync",
                "u-1", 7L, T, alice(7, UserStatus.DISABLED));

        String json = EventCodec.encode(event);
        CloudEvent<?> back = EventCodec.decode(json).orElseThrow();

        assertThat(back).isEqualTo(event);
        assertThat(back.data()).isInstanceOf(UserSnapshot.class);
        assertThat(json).contains("\"type\":\"io.sequent.directory.user.disabled.v1\"")
                .contains("\"time\":\"2026-11-22T10:15:30.123Z\"")
                .contains("\"specversion\":\"1.0\"")
                .contains("\"subjectversion\":7");
    }

    @Test
    void policySnapshotRoundTrips() {
        var rule = new SignOnRule("r-1", "passwordless", 1, null,
                new RuleActions(Access.ALLOW, PrimaryAuth.FACTOR_SEQUENCE,
                        List.of(List.of("sms", "push"), List.of("push", "question")), true, List.of("push"), 7200));
        var snapshot = new PolicySnapshot(42, T, new EnvironmentMfa(MfaMode.OPTIONAL, List.of("token:software:totp")),
                List.of("sms", "push", "question"),
                List.of(new OrgPolicy("acme", "ACME", "Acme", new OrgMfa(true, null, List.of("viewer"), List.of("c-1"), false))),
                List.of(), List.of(), List.of(new SignOnPolicy("p-1", "default", PolicyType.ORG, null, 1, List.of(), List.of(rule))));
        var event = CloudEvent.of(EventType.POLICY_CHANGED, "/sequent/policy", "environment", 42L, T, new PolicyChanged(snapshot));

        CloudEvent<PolicyChanged> back = EventCodec.decode(EventCodec.encode(event), PolicyChanged.class);

        assertThat(back).isEqualTo(event);
        assertThat(back.data().snapshot().orgs().get(0).mfa().methods()).as("null methods mean the environment's").isNull();
        assertThat(back.data().snapshot().signOnPolicies().get(0).rules().get(0).actions().chains())
                .containsExactly(List.of("sms", "push"), List.of("push", "question"));
    }

    @Test
    void everyTypeRoundTripsWithItsOwnDataType() {
        for (EventType type : EventType.values()) {
            Object data = sample(type);
            var event = CloudEvent.of(type, "/test", "subject-1", 1L, T, data);
            CloudEvent<?> back = EventCodec.decode(EventCodec.encode(event)).orElseThrow();
            assertThat(back).as(type.typeName()).isEqualTo(event);
            assertThat(type.topic()).startsWith("sequent.");
        }
    }

    @Test
    void unknownFieldsAreIgnoredInEnvelopeAndData() {
        String json = EventCodec.encode(CloudEvent.of(EventType.FACTOR_LOCKED, "/sequent/factor", "u-1", null, T,
                new FactorEvent("u-1", "f-1", "sms", "SEQUENT", "LOCKED", "too many failures", T.plusSeconds(900))));
        String withExtras = json.replaceFirst("\\{", "{\"traceparent\":\"00-abc\",")
                .replace("\"factorType\":", "\"addedLater\":{\"x\":[1,2]},\"factorType\":");

        CloudEvent<FactorEvent> back = EventCodec.decode(withExtras, FactorEvent.class);

        assertThat(back.data().factorType()).isEqualTo("sms");
        assertThat(back.data().lockedUntil()).isEqualTo(T.plusSeconds(900));
    }

    @Test
    void aFactorEventCarriesTheUsersActiveSetOnlyWhenItSaysWhichVersion() {
        var held = new FactorEvent.Held("f-1", "sms", "OKTA", java.util.Map.of("phoneNumber", "+1 XXX-XXX-0100"));
        var withSet = new FactorEvent("u-1", "f-1", "sms", "OKTA", "ACTIVE", null, null, 7L, java.util.List.of(held));
        String json = EventCodec.encode(CloudEvent.of(EventType.FACTOR_ACTIVATED, "/sequent/factor", "u-1", 2L, T, withSet));

        CloudEvent<FactorEvent> back = EventCodec.decode(json, FactorEvent.class);

        assertThat(back.data().factorsVersion()).isEqualTo(7L);
        assertThat(back.data().factors()).containsExactly(held);
        String without = EventCodec.encode(CloudEvent.of(EventType.FACTOR_LOCKED, "/sequent/factor", "u-1", 2L, T,
                new FactorEvent("u-1", "f-1", "sms", "OKTA", "ACTIVE", "locked", T)));
        assertThat(without).doesNotContain("factorsVersion").doesNotContain("\"factors\"");
        assertThat(EventCodec.decode(without, FactorEvent.class).data().factors()).isNull();
        assertThatThrownBy(() -> new FactorEvent("u-1", "f-1", "sms", "OKTA", "ACTIVE", null, null, 7L, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typeNamesCarryTheirVersionAndUnknownVersionsAreSkipped() {
        assertThat(EventType.DIRECTORY_USER_CREATED.typeName()).isEqualTo("io.sequent.directory.user.created.v1");
        assertThat(EventType.fromTypeName("io.sequent.directory.user.created.v1")).contains(EventType.DIRECTORY_USER_CREATED);
        assertThat(EventType.fromTypeName("io.sequent.directory.user.created.v2")).isEmpty();
        assertThat(EventType.fromTypeName("directory.user.created")).isEmpty();

        String v2 = EventCodec.encode(CloudEvent.of(EventType.DIRECTORY_USER_CREATED, "/x", "u-1", 1L, T,
                alice(1, UserStatus.ACTIVE))).replace(".created.v1", ".created.v2");
        assertThat(EventCodec.decode(v2)).as("a version this build does not read is skipped, not failed").isEmpty();
    }

    @Test
    void typeNamesAreUnique() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::typeName).distinct().count())
                .isEqualTo(EventType.values().length);
    }

    @Test
    void malformedEventsAreReportedNotSwallowed() {
        assertThatThrownBy(() -> EventCodec.decode("{not json")).isInstanceOf(EventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decode("[1,2]")).isInstanceOf(EventCodec.MalformedEventException.class);
        String noSubject = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"io.sequent.factor.reset.v1\","
                + "\"time\":\"2026-11-22T10:15:30Z\",\"data\":{\"userId\":\"u\",\"factorType\":\"sms\"}}";
        assertThatThrownBy(() -> EventCodec.decode(noSubject)).isInstanceOf(EventCodec.MalformedEventException.class)
                .hasMessageContaining("factor.reset");
        String wrongDataType = noSubject.replace("\"time\"", "\"subject\":\"u\",\"time\"")
                .replace("\"factorType\":\"sms\"", "\"factorType\":{\"a\":1}");
        assertThatThrownBy(() -> EventCodec.decode(wrongDataType)).isInstanceOf(EventCodec.MalformedEventException.class);
    }

    @Test
    void dataMustMatchItsType() {
        assertThatThrownBy(() -> CloudEvent.of(EventType.POLICY_CHANGED, "/x", "s", 1L, T, alice(1, UserStatus.ACTIVE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PolicyChanged");
    }

    private static Object sample(EventType type) {
        Class<?> dataType = type.dataType();
        if (dataType == UserSnapshot.class) {
            return alice(3, UserStatus.ACTIVE);
        } else if (dataType == PolicyChanged.class) {
            return new PolicyChanged(new PolicySnapshot(1, T, new EnvironmentMfa(MfaMode.NO, null), null, null, null, null, null));
        } else if (dataType == FactorEvent.class) {
            return new FactorEvent("u-1", "f-1", "token:software:totp", "GOOGLE", "ACTIVE", null, null);
        } else if (dataType == SignInEvent.class) {
            return new SignInEvent("tx-1", "u-1", "acme", "PASSWORD", "127.0.0.1", "push", "SUCCESS", null);
        } else if (dataType == SessionRevoked.class) {
            return new SessionRevoked("s-1", "u-1", "directory.user.disabled");
        } else if (dataType == Notification.class) {
            return new Notification("u-1", "f-1", "+15555550100", "123456", T.plusSeconds(300), "en");
        }
        throw new AssertionError("no sample for " + dataType);
    }
}
