package io.sequent.policy.api;

import static io.sequent.policy.api.ApiTestSupport.activate;
import static io.sequent.policy.api.ApiTestSupport.admin;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.sequent.events.CloudEvent;
import io.sequent.events.Topics;
import io.sequent.events.policy.PolicyChanged;
import io.sequent.events.policy.PolicySnapshot;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TopicProbe;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A change publishes its snapshot if and only if it commits; concurrent changes get consecutive versions. */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class TransactionalPublishingApiTest {

    @Inject
    Pool pool;

    @BeforeEach
    void clean() {
        ApiTestSupport.resetConfiguration(pool);
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aRefusedChangeStoresNothingAndPublishesNothing() {
        activate("sms");
        admin().body("{\"mode\": \"YES\", \"methods\": [\"sms\"]}").put("/api/v1/environment/mfa").then().statusCode(200);
        long version = count("select snapshot_version from policy_state");
        long audits = count("select count(*) from audit_entry");
        try (TopicProbe probe = new TopicProbe(Topics.POLICY_CHANGES)) {
            // refused: sms is the environment's method (409), and a stale If-Match (412)
            admin().post("/api/v1/factor-types/sms/lifecycle/deactivate").then().statusCode(409);
            admin().header("If-Match", "\"0\"").body("{\"mode\": \"NO\"}").put("/api/v1/environment/mfa").then().statusCode(412);
            assertThat(count("select snapshot_version from policy_state")).isEqualTo(version);
            assertThat(count("select count(*) from audit_entry")).isEqualTo(audits);
            assertThat(count("select count(*) from policy_snapshot where version > " + version)).isZero();

            admin().post("/api/v1/factor-types/push/lifecycle/activate").then().statusCode(200);
            // the first version after the refusals (the environment change's own event may still arrive late)
            CloudEvent<?> next = probe.await(Duration.ofSeconds(20), r -> ApiTestSupport.SUBJECT.equals(r.key())
                    && io.sequent.events.EventCodec.decode(r.value()).map(e -> e.subjectversion() > version).orElse(false));
            assertThat(next.subject()).isEqualTo(ApiTestSupport.SUBJECT);
            assertThat(next.subjectversion()).as("the refused changes made no version").isEqualTo(version + 1);
            assertThat(((PolicyChanged) next.data()).snapshot().activeFactorTypes()).containsExactly("password", "push", "sms");
        }
    }

    @Test
    void concurrentChangesGetConsecutiveVersionsAndTheLastSnapshotHoldsThemAll() throws Exception {
        long before = count("select snapshot_version from policy_state");
        int n = 8;
        ExecutorService pool8 = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<ExtractableResponse<Response>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "par" + i;
                calls.add(CompletableFuture.supplyAsync(() -> admin()
                        .body("{\"id\": \"" + id + "\", \"code\": \"P" + id + "\", \"name\": \"Parallel " + id + "\"}")
                        .post("/api/v1/orgs").then().extract(), pool8));
            }
            List<Long> versions = new ArrayList<>();
            for (var call : calls) {
                var response = call.get();
                assertThat(response.statusCode()).isEqualTo(201);
                versions.add(Long.parseLong(response.header(Responses.POLICY_VERSION)));
            }
            assertThat(versions).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, n).mapToObj(i -> before + i).toList());
        } finally {
            pool8.shutdown();
        }
        PolicySnapshot latest = admin().get("/api/v1/policy-snapshot").then().statusCode(200).extract().as(PolicySnapshot.class);
        assertThat(latest.version()).isEqualTo(before + n);
        assertThat(latest.orgs()).extracting(PolicySnapshot.OrgPolicy::orgId)
                .containsExactly("par0", "par1", "par2", "par3", "par4", "par5", "par6", "par7");
        assertThat(count("select count(*) from policy_snapshot where version > " + before)).isEqualTo(n);
    }
}
