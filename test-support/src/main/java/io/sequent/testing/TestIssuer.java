package io.sequent.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A token issuer on loopback that publishes OIDC discovery and the JWKS of {@link TestTokens}, so
 * services started as real processes validate test tokens through discovery, as in production.
 */
public final class TestIssuer implements AutoCloseable {

    private final HttpServer server;

    private TestIssuer(HttpServer server) {
        this.server = server;
    }

    public static TestIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String discovery = "{\"issuer\":\"" + TestTokens.ISSUER + "\",\"jwks_uri\":\"" + base + "/jwks\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
            server.createContext("/.well-known/openid-configuration", exchange -> reply(exchange, discovery));
            server.createContext("/jwks", exchange -> reply(exchange, TestTokens.jwks()));
            server.start();
            return new TestIssuer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The URL services use as {@code quarkus.oidc.auth-server-url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
