package io.sequent.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sequent.events.EventType;
import io.sequent.events.OrgMembership;
import io.sequent.events.UserStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserChangeTest {

    static final UserFacts ACTIVE = new UserFacts("u", "u@x", "U", "Ser", "U Ser", UserStatus.ACTIVE, false, false,
            Instant.parse("2027-01-01T00:00:00Z"), null, "acme", List.of(new OrgMembership("acme", List.of("staff"))),
            List.of("acme-Staff"));

    static UserFacts with(UserStatus status, boolean expired, boolean mustChange, List<OrgMembership> memberships,
                          String email) {
        return new UserFacts("u", email, "U", "Ser", "U Ser", status, expired, mustChange,
                ACTIVE.passwordExpiresAt(), null, "acme", memberships, ACTIVE.groups());
    }

    @Test
    void newUserIsCreated() {
        assertThat(UserChange.classify(null, ACTIVE)).contains(EventType.DIRECTORY_USER_CREATED);
    }

    @Test
    void sameFactsPublishNothing() {
        assertThat(UserChange.classify(ACTIVE, with(UserStatus.ACTIVE, false, false, ACTIVE.memberships(), "u@x"))).isEmpty();
    }

    @Test
    void disablingIsDisabledAndEnablingIsEnabled() {
        UserFacts disabled = ACTIVE.withStatus(UserStatus.DISABLED);
        assertThat(UserChange.classify(ACTIVE, disabled)).contains(EventType.DIRECTORY_USER_DISABLED);
        assertThat(UserChange.classify(disabled, ACTIVE)).contains(EventType.DIRECTORY_USER_ENABLED);
        assertThat(UserChange.classify(disabled, ACTIVE.withStatus(UserStatus.LOCKED_OUT))).contains(EventType.DIRECTORY_USER_LOCKED);
    }

    @Test
    void lockingAndUnlocking() {
        UserFacts locked = ACTIVE.withStatus(UserStatus.LOCKED_OUT);
        assertThat(UserChange.classify(ACTIVE, locked)).contains(EventType.DIRECTORY_USER_LOCKED);
        assertThat(UserChange.classify(locked, ACTIVE)).contains(EventType.DIRECTORY_USER_UNLOCKED);
        assertThat(UserChange.classify(locked, ACTIVE.withStatus(UserStatus.DISABLED))).contains(EventType.DIRECTORY_USER_DISABLED);
    }

    @Test
    void deletionWinsAndReturnIsCreation() {
        UserFacts deleted = ACTIVE.withStatus(UserStatus.DELETED);
        assertThat(UserChange.classify(ACTIVE, deleted)).contains(EventType.DIRECTORY_USER_DELETED);
        assertThat(UserChange.classify(ACTIVE.withStatus(UserStatus.DISABLED), deleted)).contains(EventType.DIRECTORY_USER_DELETED);
        assertThat(UserChange.classify(deleted, ACTIVE)).contains(EventType.DIRECTORY_USER_CREATED);
        assertThat(UserChange.classify(deleted, deleted)).isEmpty();
    }

    @Test
    void passwordExpiryOrMustChangeIsPasswordExpired() {
        assertThat(UserChange.classify(ACTIVE, with(UserStatus.ACTIVE, true, false, ACTIVE.memberships(), "u@x")))
                .contains(EventType.DIRECTORY_USER_PASSWORD_EXPIRED);
        assertThat(UserChange.classify(ACTIVE, with(UserStatus.ACTIVE, true, true, ACTIVE.memberships(), "u@x")))
                .contains(EventType.DIRECTORY_USER_PASSWORD_EXPIRED);
        assertThat(UserChange.classify(with(UserStatus.ACTIVE, true, false, ACTIVE.memberships(), "u@x"), ACTIVE))
                .as("a password set again is an update").contains(EventType.DIRECTORY_USER_UPDATED);
    }

    @Test
    void membershipChangeIsRolesChanged() {
        var admin = List.of(new OrgMembership("acme", List.of("admin", "staff")));
        assertThat(UserChange.classify(ACTIVE, with(UserStatus.ACTIVE, false, false, admin, "u@x")))
                .contains(EventType.DIRECTORY_USER_ROLES_CHANGED);
    }

    @Test
    void otherChangesAreUpdated() {
        assertThat(UserChange.classify(ACTIVE, with(UserStatus.ACTIVE, false, false, ACTIVE.memberships(), "new@x")))
                .contains(EventType.DIRECTORY_USER_UPDATED);
    }

    @Test
    void statusChangeWinsOverOtherChanges() {
        var admin = List.of(new OrgMembership("acme", List.of("admin")));
        assertThat(UserChange.classify(ACTIVE, with(UserStatus.DISABLED, true, false, admin, "new@x")))
                .contains(EventType.DIRECTORY_USER_DISABLED);
    }
}
