package io.sequent.bench.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.sequent.factor.domain.Base32;
import io.sequent.factor.domain.Totp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares what the scenarios need through the admin APIs, the way an admin would: factor types
 * activated, one org per scenario, a sign-on policy whose rules give each org its sequence, and a
 * pool of local users who are members of every bench org, each with TOTP and a security question,
 * the first ones also with a password and a push device. The pool is saved and reused by later runs.
 */
final class Setup {

    static final String TOTP = "token:software:totp";
    static final String POLICY_NAME = "Sequent benchmark";

    private final Http http;
    private final Endpoints endpoints;
    private volatile String token;
    private volatile long tokenTakenAt;

    Setup(Http http, Endpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    /** The admin client's token, taken again every two minutes: a large pool takes longer to create than a token lives. */
    synchronized String adminToken() throws Exception {
        if (token == null || System.nanoTime() - tokenTakenAt > TimeUnit.MINUTES.toNanos(2)) {
            token = http.clientToken(endpoints.authFlow() + "/oauth2/v1/token", endpoints.adminClient(), endpoints.adminSecret());
            tokenTakenAt = System.nanoTime();
        }
        return token;
    }

    /** Factor types, orgs and the policy; idempotent. */
    void configure() throws Exception {
        for (String type : List.of(TOTP, "question", "push", "password")) {
            Http.Answer a = http.post(endpoints.policy() + "/api/v1/factor-types/" + type + "/lifecycle/activate", Map.of(), adminToken());
            require(a, "activate factor type " + type);
        }
        for (Scenario s : Scenario.values()) {
            Http.Answer found = http.get(endpoints.policy() + "/api/v1/orgs/" + s.org, adminToken());
            if (found.status() == 404) {
                require(http.post(endpoints.policy() + "/api/v1/orgs",
                        Map.of("id", s.org, "code", s.org, "name", "Benchmark " + s.label), adminToken()), "create org " + s.org);
            } else {
                require(found, "read org " + s.org);
            }
        }
        Http.Answer policies = require(http.get(endpoints.policy() + "/api/v1/policies", adminToken()), "list policies");
        for (JsonNode p : policies.body()) {
            if (POLICY_NAME.equals(p.path("name").asText())) {
                Http.Answer rules = require(http.get(endpoints.policy() + "/api/v1/policies/" + p.path("id").asText() + "/rules",
                        adminToken()), "list rules");
                if (rules.body().size() == Scenario.values().length) {
                    return;
                }
                require(http.send("DELETE", endpoints.policy() + "/api/v1/policies/" + p.path("id").asText(), adminToken()),
                        "delete incomplete policy");
            }
        }
        Http.Answer created = require(http.post(endpoints.policy() + "/api/v1/policies",
                Map.of("name", POLICY_NAME, "type", "ORG", "priority", 1), adminToken()), "create policy");
        String policyId = created.text("id");
        int priority = 1;
        for (Scenario s : Scenario.values()) {
            Map<String, Object> actions = s.passwordFirst
                    ? Map.of("access", "ALLOW", "primary", "PASSWORD", "mfaRequired", true, "mfaMethods", List.of(TOTP))
                    : Map.of("access", "ALLOW", "primary", "FACTOR_SEQUENCE", "chains", List.of(s.chain));
            require(http.post(endpoints.policy() + "/api/v1/policies/" + policyId + "/rules",
                    Map.of("name", "Benchmark " + s.label, "priority", priority++,
                            "conditions", Map.of("orgs", List.of(s.org)), "actions", actions), adminToken()), "create rule " + s.label);
        }
    }

    /** The saved pool when it still matches the suite, else a new one. */
    List<BenchUser> pool(Path file, int users, int withPassword, int withPush, int threads) throws Exception {
        List<BenchUser> kept = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            List<BenchUser> saved = Http.JSON.readValue(file.toFile(), new TypeReference<List<BenchUser>>() { });
            if (!saved.isEmpty() && stillThere(saved.get(0)) && stillThere(saved.get(saved.size() - 1))) {
                if (saved.size() >= users) {
                    System.out.printf("reusing %d users from %s%n", saved.size(), file);
                    return saved.subList(0, users);
                }
                kept.addAll(saved); // a larger pool keeps these and adds only the users it lacks
            }
        }
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int missing = users - kept.size();
        // the new users bring the pool up to the numbers asked for: passwords and push devices go to the first of them
        int passwords = (int) Math.max(0, withPassword - kept.stream().filter(u -> u.password != null).count());
        int pushes = (int) Math.max(0, withPush - kept.stream().filter(u -> u.pushFactorId != null).count());
        System.out.printf("creating %d users (%d kept; %d more with a password, %d more with a push device) with %d "
                + "threads%n", missing, kept.size(), passwords, pushes, threads);
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        List<Future<BenchUser>> futures = new ArrayList<>();
        for (int i = 0; i < missing; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                BenchUser u = createUser(prefix + String.format("%06d", n), n < passwords, n < pushes);
                int d = done.incrementAndGet();
                if (d % 1000 == 0) {
                    System.out.printf("  %d users ready (%.0f/s)%n", d, d / ((System.nanoTime() - started) / 1e9));
                }
                return u;
            }));
        }
        List<BenchUser> created = new ArrayList<>(kept);
        try {
            for (Future<BenchUser> f : futures) {
                created.add(f.get());
            }
        } finally {
            pool.shutdownNow(); // a failed setup must not leave the JVM running on its worker threads
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Http.JSON.writeValue(file.toFile(), created);
        System.out.printf("pool of %d users ready in %.1f s, saved to %s%n", users, (System.nanoTime() - started) / 1e9, file);
        return created;
    }

    private boolean stillThere(BenchUser u) throws Exception {
        return http.get(endpoints.directory() + "/api/v1/users/" + u.userId, adminToken()).ok();
    }

    private BenchUser createUser(String username, boolean password, boolean push) throws Exception {
        List<Map<String, Object>> memberships = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            memberships.add(Map.of("orgId", s.org, "roles", List.of("member")));
        }
        Http.Answer user = require(http.post(endpoints.directory() + "/api/v1/users", Map.of("username", username,
                "email", username + "@bench.example", "defaultOrgId", Scenario.TOTP.org, "memberships", memberships),
                adminToken()), "create user " + username);
        BenchUser u = new BenchUser();
        u.userId = user.text("userId");
        u.username = username;
        String factors = endpoints.factor() + "/api/v1/users/" + u.userId + "/factors";

        // factor-service learns of the user from the users topic: a moment after the 201
        Http.Answer totp = http.post(factors, Map.of("factorType", TOTP), adminToken());
        for (int i = 0; i < 200 && totp.status() == 404; i++) {
            Thread.sleep(100);
            totp = http.post(factors, Map.of("factorType", TOTP), adminToken());
        }
        require(totp, "enroll totp");
        u.totpSecret = totp.body().path("_embedded").path("activation").path("sharedSecret").asText();
        long step = Totp.DEFAULT.step(Instant.now());
        String code = Totp.DEFAULT.code(Base32.decode(u.totpSecret), step);
        require(http.post(factors + "/" + totp.text("id") + "/lifecycle/activate", Map.of("passCode", code), adminToken()),
                "activate totp");
        u.totpStepUsed(step); // factor-service now refuses this step and every earlier one

        u.answer = "answer " + username.substring(username.length() - 6);
        require(http.post(factors, Map.of("factorType", "question",
                "profile", Map.of("question", "disliked_food", "answer", u.answer)), adminToken()), "enroll question");
        if (password) {
            u.password = "Bench-" + UUID.randomUUID();
            require(http.post(factors, Map.of("factorType", "password", "profile", Map.of("password", u.password)),
                    adminToken()), "enroll password");
        }
        if (push) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Http.Answer device = require(http.post(factors, Map.of("factorType", "push", "profile",
                    Map.of("publicKey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                            "deviceName", "bench device")), adminToken()), "enroll push");
            u.pushFactorId = device.text("id");
            u.pushPrivateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
        }
        return u;
    }

    static Http.Answer require(Http.Answer a, String what) throws IOException {
        if (!a.ok()) {
            throw new IOException(what + " failed: HTTP " + a.status() + " " + a.body());
        }
        return a;
    }
}
