package io.sequent.authflow.client;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on the loopback standing in for factor-service and directory-sync, so the
 * client wrappers are tested over the wire: the user id in the path picks the answer.
 */
public class FakeNeighbours implements QuarkusTestResourceLifecycleManager {

    /** The Authorization headers received, to check the service token. */
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        com.sun.net.httpserver.HttpHandler handler = exchange -> {
            AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String path = exchange.getRequestURI().getPath();
            int status = 200;
            String body;
            if (path.contains("/slow/")) {
                try {
                    Thread.sleep(7000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                body = "[]";
            } else if (path.contains("/broken/")) {
                status = 500;
                body = "{\"title\":\"boom\"}";
            } else if (path.contains("/too-soon/")) {
                status = 429;
                body = "{\"errorCode\":\"E0000109\"}";
            } else if (path.contains("/wrong-code/")) {
                status = 403;
                body = "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"invalid passcode or answer\",\"errorCode\":\"E0000068\"}";
            } else if (path.endsWith("/password/change")) {
                body = "{\"outcome\":\"INVALID_OLD\",\"message\":\"Old Password is not correct\"}";
            } else if (path.contains("/unknown/")) {
                status = 404;
                body = "{\"title\":\"Not Found\"}";
            } else if (path.endsWith("/live-status")) {
                body = "{\"userId\":\"u\",\"status\":\"DISABLED\",\"passwordExpired\":false,\"passwordMustChange\":false,"
                        + "\"accountExpired\":false,\"source\":\"LAST_IMPORTED\",\"checkedAt\":\"2026-11-22T10:00:00Z\"}";
            } else if (path.endsWith("/verify")) {
                body = "{\"factorId\":\"f1\",\"factorType\":\"sms\",\"outcome\":\"INVALID\",\"lockedUntil\":null}";
            } else {
                body = "[{\"id\":\"f1\",\"factorType\":\"sms\",\"provider\":\"OKTA\",\"status\":\"ACTIVE\","
                        + "\"profile\":{\"phoneNumber\":\"+1 XXX-XXX-1337\"},\"created\":\"2026-01-01T00:00:00Z\"}]";
                exchange.getResponseHeaders().set("Sequent-Factors-Version", "42");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        };
        server.createContext("/internal/v1/users/", handler);
        server.createContext("/api/v1/users/", handler);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.rest-client.factor-service.url", url, "quarkus.rest-client.directory-sync.url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
