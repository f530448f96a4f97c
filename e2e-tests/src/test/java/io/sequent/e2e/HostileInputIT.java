package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile input against every operation every service documents in its OpenAPI: malformed,
 * oversized, deeply nested, wrongly typed and unicode-laden requests, with and without valid
 * tokens. Whatever arrives, the answer is never a 5xx, never a stack trace or an internal class
 * name, and a body over the size limit is refused with 413. The requests come from one seeded
 * generator: the seed is in each test's name, and {@code -Dhostile.seed=N} replays a run.
 */
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RANDOM_REQUESTS_PER_OPERATION =
            Integer.getInteger("hostile.requests-per-operation", 40);
    /** What must never reach a client: stack frames, exception names, our packages, framework packages. */
    private static final Pattern LEAK = Pattern.compile(
            "\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|[A-Z]\\w*(Exception|Error)\\b(?!\")|io\\.sequent\\.|org\\.hibernate|io\\.vertx|"
                    + "io\\.quarkus\\.|io\\.smallrye\\.|com\\.fasterxml|jakarta\\.|java\\.lang\\.|org\\.jboss");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static String adminToken;
    private static String serviceToken;

    record Operation(Suite.Service service, String method, String path, List<String> queryParams, boolean hasBody,
                     List<String> fields) {
        @Override
        public String toString() {
            return service.module + " " + method.toUpperCase() + " " + path;
        }
    }

    record Sent(String method, String uri, String contentType, String bodyStart, String auth) {
    }

    @BeforeAll
    static void startSuite() {
        Suite.get();
        adminToken = Suite.adminToken();
        serviceToken = Suite.clientToken("auth-flow-service", "local-auth-flow-secret");
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedOperationSurvivesHostileInput() throws Exception {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        List<Operation> operations = new ArrayList<>();
        for (Suite.Service service : Suite.Service.values()) {
            operations.addAll(operations(service));
        }
        assertThat(operations).as("every service documents its operations").hasSizeGreaterThan(40);
        return operations.stream().map(op -> DynamicTest.dynamicTest(op + " (seed " + seed + ")",
                () -> attack(op, new HostileInputs(seed ^ op.toString().hashCode()))));
    }

    private void attack(Operation op, HostileInputs gen) throws Exception {
        List<String> failures = new ArrayList<>();
        boolean body = op.hasBody();
        if (body) {
            check(op, send(op, gen, "application/json", HostileInputs.utf8(HostileInputs.oversized()), adminToken),
                    failures, 413);
            check(op, send(op, gen, "application/json", HostileInputs.utf8(HostileInputs.deep(5000)), adminToken),
                    failures, 0);
            check(op, send(op, gen, "application/json", HostileInputs.invalidUtf8(), adminToken), failures, 0);
            check(op, send(op, gen, "application/xml", HostileInputs.utf8("<a>&lol;</a>"), adminToken), failures, 0);
            check(op, send(op, gen, null, new byte[0], adminToken), failures, 0);
        }
        for (int i = 0; i < RANDOM_REQUESTS_PER_OPERATION; i++) {
            String token = switch (gen.nextInt(10)) {
                case 0 -> null;
                case 1 -> "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(HostileInputs.utf8(gen.string())) + ".";
                case 2 -> serviceToken;
                default -> adminToken;
            };
            byte[] payload = null;
            if (body) {
                payload = HostileInputs.utf8(switch (gen.nextInt(4)) {
                    case 0 -> gen.malformed(op.fields());
                    case 1 -> gen.value(0);
                    default -> gen.object(0, op.fields());
                });
            }
            check(op, send(op, gen, body ? "application/json" : null, payload, token), failures, 0);
        }
        assertThat(failures).as("answers to hostile requests for " + op).isEmpty();
    }

    /** A failure when the answer is a 5xx, leaks internals, or is not the {@code expected} status (0: any). */
    private static void check(Operation op, Result r, List<String> failures, int expected) {
        String problem = null;
        if (r.status() >= 500 || r.status() < 0) {
            problem = "HTTP " + r.status();
        } else if (expected != 0 && r.status() != expected && !(expected == 413 && r.status() == 414)) {
            // (a 414 is as right: a hostile path parameter can make the URI itself too long)
            problem = "expected HTTP " + expected + ", got " + r.status();
        } else if (LEAK.matcher(r.body()).find()) {
            problem = "internal detail in the body";
        }
        if (problem != null && failures.size() < 10) {
            String sent = r.sent().toString();
            failures.add(problem + " for " + sent.substring(0, Math.min(600, sent.length())) + ": "
                    + r.body().substring(0, Math.min(400, r.body().length())));
        }
    }

    record Result(int status, String body, Sent sent) {
    }

    private static Result send(Operation op, HostileInputs gen, String contentType, byte[] body, String token) {
        String path = op.path();
        StringBuilder uri = new StringBuilder(op.service().url());
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            uri.append('/').append(segment.startsWith("{") ? encode(gen.string().isEmpty() ? "x" : gen.string()) : segment);
        }
        if (!op.queryParams().isEmpty()) {
            uri.append('?');
            for (String q : op.queryParams()) {
                uri.append(encode(q)).append('=').append(encode(gen.string())).append('&');
            }
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(20));
        } catch (IllegalArgumentException badUri) {
            return new Result(0, "", new Sent(op.method(), uri.toString(), contentType, "", "n/a"));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(op.method().toUpperCase(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        String start = body == null ? "" : new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        Sent sent = new Sent(op.method(), uri.toString(), contentType, start,
                token == null ? "none" : token.equals(adminToken) ? "admin" : token.equals(serviceToken) ? "service" : "forged");
        HttpRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
                return new Result(response.statusCode(), response.body() == null ? "" : response.body(), sent);
            } catch (HttpTimeoutException e) {
                return new Result(-1, "no answer within 20 s", sent);
            } catch (Exception e) {
                if (body != null && body.length > 256 * 1024) {
                    return new Result(413, "", sent); // the server closed the connection instead of reading the body
                }
                if (attempt == 1) {
                    // a kept-alive connection the server had just closed (after a 413, say): once more on a new one
                    continue;
                }
                return new Result(-2, "connection closed twice without an answer: " + e, sent);
            }
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The operations a service documents, from its OpenAPI document. */
    private static List<Operation> operations(Suite.Service service) throws Exception {
        HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/q/openapi?format=json"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(doc.body());
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    continue;
                }
                List<String> query = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    if ("query".equals(p.path("in").asText())) {
                        query.add(p.path("name").asText());
                    }
                }
                JsonNode requestBody = op.getValue().path("requestBody");
                out.add(new Operation(service, op.getKey(), path.getKey(), query, !requestBody.isMissingNode(),
                        fields(root, requestBody)));
            }
        }
        return out;
    }

    /** The property names of a JSON request body's schema, following one $ref. */
    private static List<String> fields(JsonNode root, JsonNode requestBody) {
        List<String> names = new ArrayList<>();
        for (JsonNode media : requestBody.path("content")) {
            JsonNode schema = media.path("schema");
            String ref = schema.path("$ref").asText("");
            if (ref.startsWith("#/components/schemas/")) {
                schema = root.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
            }
            schema.path("properties").fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
