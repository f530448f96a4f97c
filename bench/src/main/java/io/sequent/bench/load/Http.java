package io.sequent.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A small JSON-over-HTTP client for the suite's APIs (JDK HttpClient, HTTP/1.1, kept-alive connections). */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }

        String errorCode() {
            JsonNode code = body.get("errorCode");
            return code == null ? "HTTP " + status : code.asText();
        }

        String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    Answer post(String url, Object body, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    Answer put(String url, Object body, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    Answer get(String url, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer).GET());
    }

    Answer send(String method, String url, String bearer) throws IOException, InterruptedException {
        return send(request(url, bearer).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** client_credentials at auth-flow's token endpoint. */
    String clientToken(String tokenUrl, String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String form = Map.of("grant_type", "client_credentials").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Answer a = send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(timeout)
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (!a.ok()) {
            throw new IllegalStateException("token request refused: HTTP " + a.status() + " " + a.body());
        }
        return a.text("access_token");
    }

    private HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
        return bearer == null ? b : b.header("Authorization", "Bearer " + bearer);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        JsonNode body;
        try {
            body = bytes == null || bytes.length == 0 ? NullNode.getInstance() : JSON.readTree(bytes);
        } catch (IOException notJson) {
            body = JSON.createObjectNode().put("raw", new String(bytes, StandardCharsets.UTF_8));
        }
        return new Answer(response.statusCode(), body == null ? NullNode.getInstance() : body);
    }
}
