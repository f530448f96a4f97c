package io.sequent.authflow.token;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.sequent.authflow.config.OAuthConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The signing keys, kept in Redis so that every replica signs with the same key and publishes the
 * same JWKS. The first replica to find no active key makes one; the others adopt it ({@code SET NX}).
 * Private keys are stored encrypted (AES-256-GCM).
 */
@ApplicationScoped
public class SigningKeyStore {

    static final String KEYS = "sequent:authflow:signing-keys";
    static final String ACTIVE = "sequent:authflow:signing-key:active";
    private static final Duration CACHE = Duration.ofMinutes(1);

    private final ReactiveRedisDataSource redis;
    private final KeyEncryption encryption;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    public SigningKeyStore(ReactiveRedisDataSource redis, OAuthConfig config) {
        this.redis = redis;
        this.encryption = new KeyEncryption(config.keyEncryptionKey());
    }

    private record Cached(SigningKey active, List<SigningKey> all, long loadedAtNanos) {
        boolean fresh() {
            return System.nanoTime() - loadedAtNanos < CACHE.toNanos();
        }
    }

    /** The key new tokens are signed with. */
    public Uni<SigningKey> active() {
        return current().map(Cached::active);
    }

    /** Every published key (the active one and those still valid for tokens already issued). */
    public Uni<List<SigningKey>> published() {
        return current().map(Cached::all);
    }

    private Uni<Cached> current() {
        Cached cached = cache.get();
        if (cached != null && cached.fresh()) {
            return Uni.createFrom().item(cached);
        }
        return load().invoke(cache::set);
    }

    private Uni<Cached> load() {
        return redis.value(String.class).get(ACTIVE).flatMap(kid -> kid == null ? createActive() : Uni.createFrom().item(kid))
                .flatMap(activeKid -> redis.hash(String.class).hgetall(KEYS).map(stored -> toCached(activeKid, stored)));
    }

    private Cached toCached(String activeKid, Map<String, String> stored) {
        List<SigningKey> all = new ArrayList<>();
        SigningKey active = null;
        for (var entry : stored.entrySet()) {
            SigningKey key = SigningKey.fromPkcs8(entry.getKey(), encryption.decrypt(entry.getKey(), entry.getValue()));
            all.add(key);
            if (key.kid().equals(activeKid)) {
                active = key;
            }
        }
        if (active == null) {
            throw new IllegalStateException("the active signing key " + activeKid + " is missing from " + KEYS);
        }
        return new Cached(active, List.copyOf(all), System.nanoTime());
    }

    /** Makes a key and tries to make it the active one; answers the kid that won. */
    private Uni<String> createActive() {
        SigningKey key = generate();
        String sealed = encryption.encrypt(key.kid(), key.privateKey().getEncoded());
        return redis.hash(String.class).hset(KEYS, key.kid(), sealed)
                .flatMap(ignored -> redis.value(String.class).setGet(ACTIVE, key.kid(), new SetArgs().nx()))
                .flatMap(previous -> {
                    if (previous == null) {
                        Log.infof("made signing key %s", key.kid());
                        return Uni.createFrom().item(key.kid());
                    }
                    // another replica won the race: drop ours, use theirs
                    return redis.hash(String.class).hdel(KEYS, key.kid()).replaceWith(previous);
                });
    }

    private static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new SigningKey(UUID.randomUUID().toString(), (RSAPrivateCrtKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
