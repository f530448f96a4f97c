package io.sequent.authflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Failures that reach the Authentication API without an Okta error of their own. */
class AuthnErrorMappersTest {

    @Test
    void aRedisPoolOverwhelmedByABurstFailsClosedWith503NotA500() {
        Response response = new AuthnErrorMappers().overloaded(
                new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 24"));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((OktaError) response.getEntity()).errorCode()).isEqualTo("E0000010");
    }
}
