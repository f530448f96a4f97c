package io.sequent.e2e;

import io.sequent.events.EventType;
import io.sequent.events.SignInEvent;
import io.sequent.events.Topics;
import io.sequent.testing.TopicProbe;
import java.time.Duration;

/**
 * auth-flow's audit events ({@code sequent.auth.events}, key = user id): where the reason of a refusal
 * goes, since the client only ever sees the generic answer (S1).
 */
final class Audit implements AutoCloseable {

    private final TopicProbe probe = new TopicProbe(Topics.AUTH_EVENTS);

    /** The next {@code auth.signin.refused} about {@code userId}. */
    SignInEvent refusal(String userId) {
        String type = "\"type\":\"" + EventType.AUTH_SIGNIN_REFUSED.typeName() + "\"";
        return (SignInEvent) probe.await(Duration.ofSeconds(40), r -> userId.equals(r.key()) && r.value().contains(type)).data();
    }

    @Override
    public void close() {
        probe.close();
    }
}
