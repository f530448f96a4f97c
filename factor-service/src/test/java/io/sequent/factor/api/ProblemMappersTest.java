package io.sequent.factor.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** Failures without a problem of their own. */
class ProblemMappersTest {

    @Test
    void aRedisPoolOverwhelmedByABurstIsA503ToRetryNotA500() {
        Response response = new ProblemMappers().overloaded(
                new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 24"));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(((Problem) response.getEntity()).status()).isEqualTo(503);
    }
}
