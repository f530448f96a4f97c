package io.sequent.policy.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** PostgreSQL unreachable during an admin write: a 503 problem, not a 500 (issue 8, PostgreSQL restarted). */
class StoreUnreachableProblemTest {

    @Test
    void aRefusedDatabaseConnectionIsA503Problem() {
        // what the reactive PostgreSQL client fails with while the server is down (a subclass in practice)
        Response response = new ProblemMappers().storeUnreachable(new ConnectException("Connection refused: /127.0.0.1:5432"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        Problem problem = (Problem) response.getEntity();
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.title()).isEqualTo("Service Unavailable");
        assertThat(problem.detail()).doesNotContain("127.0.0.1").doesNotContain("Exception");
    }
}
