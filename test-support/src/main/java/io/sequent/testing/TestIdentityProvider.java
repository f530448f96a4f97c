package io.sequent.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * An identity provider for tests of federated sign-in: real RSA and EC key pairs made per run, its
 * JWKS served by a real HTTP server on the loopback ({@link #jwksUrl()}), and real signed JWTs.
 * Keys can be rotated (a new {@code kid} published beside the old ones) and the server stopped (the
 * JWKS unreachable).
 */
public final class TestIdentityProvider implements AutoCloseable {

    private final HttpServer server;
    private final String issuer;
    private final List<PublicJsonWebKey> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile PublicJsonWebKey signing;

    private TestIdentityProvider(HttpServer server, String issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    /** Starts on a free loopback port with one RSA key (RS256) published and signing. */
    public static TestIdentityProvider start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var idp = new TestIdentityProvider(server,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/idp-" + UUID.randomUUID().toString().substring(0, 8));
        server.createContext("/jwks", exchange -> {
            idp.fetches.incrementAndGet();
            byte[] body = new JsonWebKeySet(List.<JsonWebKey>copyOf(idp.published))
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        idp.rotate(rsaKey());
        return idp;
    }

    public String issuer() {
        return issuer;
    }

    public String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** How many times the JWKS was fetched. */
    public int jwksFetches() {
        return fetches.get();
    }

    public PublicJsonWebKey signingKey() {
        return signing;
    }

    /** Publishes {@code key} beside the keys already published and signs with it from now on. */
    public PublicJsonWebKey rotate(PublicJsonWebKey key) {
        published.add(key);
        signing = key;
        return key;
    }

    /** A new RSA 2048 key for RS256 with a random {@code kid}. */
    public static PublicJsonWebKey rsaKey() {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("rsa-" + UUID.randomUUID());
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new P-256 key for ES256 with a random {@code kid}. */
    public static PublicJsonWebKey ecKey() {
        try {
            PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId("ec-" + UUID.randomUUID());
            key.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            key.setUse("sig");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The claims of a fresh assertion for {@code username} and {@code audience}: {@code iss}, {@code aud},
     * {@code sub}, {@code preferred_username}, {@code iat} now, {@code exp} in five minutes, a new
     * {@code jti}. Change the map before {@link #sign} to make a bad one.
     */
    public Map<String, Object> claims(String audience, String username) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", audience);
        claims.put("sub", "idp-" + UUID.randomUUID());
        claims.put("preferred_username", username);
        claims.put("iat", now);
        claims.put("exp", now + Duration.ofMinutes(5).toSeconds());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** A fresh assertion signed with the current key. */
    public String assertion(String audience, String username) {
        return sign(claims(audience, username));
    }

    public String sign(Map<String, Object> claims) {
        return sign(claims, signing);
    }

    /** Signs {@code claims} with {@code key} (RS256 for RSA, ES256 for EC), its {@code kid} in the header. */
    public static String sign(Map<String, Object> claims, PublicJsonWebKey key) {
        try {
            JwtClaims jwt = new JwtClaims();
            claims.forEach(jwt::setClaim);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(jwt.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(key.getAlgorithm());
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops serving: the JWKS is unreachable from now on. */
    @Override
    public void close() {
        server.stop(0);
    }
}
