package io.sequent.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * A small JSON-over-HTTP client for the suite's APIs: Apache HttpClient 5 classic (blocking) API, HTTP/1.1,
 * kept-alive pooled connections. Each request runs on the caller's thread (the generator has a thread per
 * client), with no selector thread and no handoffs between threads as in the JDK HttpClient: that costs the
 * generator less CPU, which matters when it shares the (2) cores with the suite it measures.
 */
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

    /** Up to ~64 generator threads at once; room to spare so a thread never waits for a connection. */
    private static final int MAX_CONNECTIONS = 256;

    /** Exactly the Content-Type values sent before (no charset parameter). */
    private static final ContentType JSON_TYPE = ContentType.create("application/json");
    private static final ContentType FORM_TYPE = ContentType.create("application/x-www-form-urlencoded");

    private final CloseableHttpClient client;

    Http(Duration timeout) {
        Timeout t = Timeout.of(timeout);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(t).setSocketTimeout(t).build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(t).setResponseTimeout(t).setRedirectsEnabled(false).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .build();
    }

    Answer post(String url, Object body, String bearer) throws IOException, InterruptedException {
        return send(json(request("POST", url, bearer), body));
    }

    Answer put(String url, Object body, String bearer) throws IOException, InterruptedException {
        return send(json(request("PUT", url, bearer), body));
    }

    Answer get(String url, String bearer) throws IOException, InterruptedException {
        return send(request("GET", url, bearer));
    }

    Answer send(String method, String url, String bearer) throws IOException, InterruptedException {
        return send(request(method, url, bearer));
    }

    /** client_credentials at auth-flow's token endpoint. */
    String clientToken(String tokenUrl, String clientId, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String form = Map.of("grant_type", "client_credentials").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpUriRequestBase request = new HttpUriRequestBase("POST", URI.create(tokenUrl));
        request.setVersion(HttpVersion.HTTP_1_1);
        request.setHeader("Authorization", "Basic " + basic);
        request.setEntity(new StringEntity(form, FORM_TYPE));
        Answer a = send(request);
        if (!a.ok()) {
            throw new IllegalStateException("token request refused: HTTP " + a.status() + " " + a.body());
        }
        return a.text("access_token");
    }

    private static HttpUriRequestBase request(String method, String url, String bearer) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
        request.setVersion(HttpVersion.HTTP_1_1);
        request.setHeader("Accept", "application/json");
        if (bearer != null) {
            request.setHeader("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    private static HttpUriRequestBase json(HttpUriRequestBase request, Object body) throws IOException {
        request.setEntity(new ByteArrayEntity(JSON.writeValueAsBytes(body), JSON_TYPE));
        return request;
    }

    /** Reads the whole answer in the handler, so the connection goes back to the pool kept alive. */
    private Answer send(HttpUriRequestBase request) throws IOException {
        return client.execute(request, response -> {
            HttpEntity entity = response.getEntity();
            byte[] bytes = entity == null ? null : EntityUtils.toByteArray(entity);
            JsonNode body;
            try {
                body = bytes == null || bytes.length == 0 ? NullNode.getInstance() : JSON.readTree(bytes);
            } catch (IOException notJson) {
                body = JSON.createObjectNode().put("raw", new String(bytes, StandardCharsets.UTF_8));
            }
            return new Answer(response.getCode(), body == null ? NullNode.getInstance() : body);
        });
    }
}
