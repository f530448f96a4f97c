package io.sequent.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The sign-in load generator: complete sign-ins through the Authentication API, in a closed model
 * (N clients, each starting its next sign-in when the last ended) or an open model (a fixed arrival
 * rate, latency counted from the moment a sign-in was due, so a stalled server cannot hide its
 * queue). Reports completed sign-ins per second, p50/p95/p99 per step, errors by code, and CPU and
 * memory of every process of the suite. See bench/README.md.
 */
public final class SignInLoad {

    /** factor-service's per-user push rate ({@code sequent.factor.push.max-per-minute}), which the generator stays under. */
    private static final int PUSHES_PER_MINUTE = Integer.getInteger("sequent.bench.push-per-minute", 5);

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        Endpoints endpoints = new Endpoints(
                o.getOrDefault("auth-flow", "http://127.0.0.1:8080"), o.getOrDefault("policy", "http://127.0.0.1:8081"),
                o.getOrDefault("factor", "http://127.0.0.1:8082"), o.getOrDefault("directory", "http://127.0.0.1:8083"),
                o.getOrDefault("admin-client", "admin-cli"), o.getOrDefault("admin-secret", "local-admin-secret"));
        List<Scenario> scenarios = new ArrayList<>();
        for (String s : o.getOrDefault("scenarios", "totp,totp-question,password-totp,push").split(",")) {
            scenarios.add(Scenario.of(s.trim()));
        }
        List<String> models = List.of(o.getOrDefault("models", "closed:8,closed:32").split(","));
        Duration warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "10")));
        Duration measure = Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "30")));
        int users = Integer.parseInt(o.getOrDefault("users", "36000"));
        int withPassword = Integer.parseInt(o.getOrDefault("password-users", "4500"));
        int withPush = Integer.parseInt(o.getOrDefault("push-users", "1000"));
        Path poolFile = Path.of(o.getOrDefault("pool", "bench/target/pool.json"));
        Path out = o.containsKey("out") ? Path.of(o.get("out")) : null;

        Http http = new Http(Duration.ofSeconds(10));
        Setup setup = new Setup(http, endpoints);
        setup.configure();
        List<BenchUser> pool = setup.pool(poolFile, users, withPassword, withPush,
                Integer.parseInt(o.getOrDefault("setup-threads", "48")));
        System.out.println("waiting 5 s for the new users and policy to reach auth-flow's read models");
        Thread.sleep(5000);

        for (Scenario scenario : scenarios) {
            List<BenchUser> eligible = pool.stream().filter(u -> (!scenario.passwordFirst || u.password != null)
                    && (!scenario.chain.contains("push") || u.pushFactorId != null)).toList();
            for (String model : models) {
                String report = run(http, endpoints, scenario, model, eligible, warmup, measure);
                System.out.println(report);
                if (out != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                    Files.writeString(out, report + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
            }
        }
        Http.JSON.writeValue(poolFile.toFile(), pool); // with the TOTP steps used, for the next run
    }

    private static String run(Http http, Endpoints endpoints, Scenario scenario, String model, List<BenchUser> pool,
                              Duration warmup, Duration measure) throws Exception {
        String[] m = model.split(":");
        boolean open = m[0].equals("open");
        int level = Integer.parseInt(m[1]);
        Stats stats = new Stats();
        SignIn signIn = new SignIn(http, endpoints, scenario, stats);
        AtomicInteger cursor = new AtomicInteger();
        ProcessSampler sampler = new ProcessSampler(components());
        Runnable one = () -> attempt(signIn, scenario, pool, cursor, stats, System.nanoTime());

        long end = System.nanoTime() + warmup.toNanos() + measure.toNanos();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        ExecutorService workers;
        if (open) {
            workers = new ThreadPoolExecutor(64, 1024, 30, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                    new ThreadPoolExecutor.CallerRunsPolicy());
            long interval = 1_000_000_000L / level;
            long due = System.nanoTime();
            boolean started = false;
            while (due < end) {
                if (!started && due >= measureFrom) {
                    stats.recording(true);
                    sampler.start();
                    started = true;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long intended = due;
                workers.execute(() -> attempt(signIn, scenario, pool, cursor, stats, intended));
                due += interval;
            }
        } else {
            workers = Executors.newFixedThreadPool(level);
            for (int i = 0; i < level; i++) {
                workers.execute(() -> {
                    while (System.nanoTime() < end) {
                        one.run();
                    }
                });
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime()));
            stats.recording(true);
            sampler.start();
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
        }
        stats.recording(false);
        List<ProcessSampler.Usage> usage = sampler.stop();
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        return report(scenario, open ? "open, " + level + " sign-ins/s offered" : "closed, " + level + " clients",
                measure, stats, usage);
    }

    /** One sign-in with a free user; failures are counted by code. */
    private static void attempt(SignIn signIn, Scenario scenario, List<BenchUser> pool, AtomicInteger cursor, Stats stats,
                                long intendedStart) {
        BenchUser user = pick(scenario, pool, cursor);
        if (user == null) {
            stats.noUserFree();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            signIn.run(user);
            stats.step("sign-in (whole)", intendedStart, System.nanoTime());
            stats.completed();
        } catch (SignIn.Failed f) {
            stats.error(f.code);
            if (stats.isRecording() && stats.errors().getOrDefault(f.code, 0L) <= 3) {
                System.err.println("  " + scenario.label + " failed: " + f.getMessage());
            }
        } catch (Exception e) {
            stats.error(e.getClass().getSimpleName());
        } finally {
            user.release();
        }
    }

    private static BenchUser pick(Scenario scenario, List<BenchUser> pool, AtomicInteger cursor) {
        boolean totp = scenario.chain.contains(Setup.TOTP);
        boolean push = scenario.chain.contains("push");
        Instant now = Instant.now();
        for (int tries = 0; tries < pool.size(); tries++) {
            BenchUser u = pool.get(Math.floorMod(cursor.getAndIncrement(), pool.size()));
            if ((!totp || u.hasTotpCode(now)) && u.tryAcquire()) {
                if (push && !u.tryPush(now, PUSHES_PER_MINUTE)) {
                    u.release();
                    continue;
                }
                return u;
            }
        }
        return null;
    }

    private static Map<String, Pattern> components() {
        Map<String, Pattern> c = new LinkedHashMap<>();
        c.put("auth-flow-service", Pattern.compile("auth-flow-service.*quarkus-run\\.jar"));
        c.put("factor-service", Pattern.compile("factor-service.*quarkus-run\\.jar"));
        c.put("directory-sync-service", Pattern.compile("directory-sync-service.*quarkus-run\\.jar"));
        c.put("policy-service", Pattern.compile("policy-service.*quarkus-run\\.jar"));
        c.put("kafka", Pattern.compile("kafka\\.Kafka"));
        c.put("postgresql", Pattern.compile("^postgres"));
        c.put("redis", Pattern.compile("^redis-server"));
        c.put("generator", Pattern.compile("^$"));
        return c;
    }

    private static String report(Scenario scenario, String model, Duration measure, Stats stats,
                                 List<ProcessSampler.Usage> usage) {
        StringBuilder b = new StringBuilder();
        double seconds = measure.toMillis() / 1000.0;
        b.append(String.format(Locale.ROOT, "### %s: %s, %d s measured%n%n", scenario.label, model, measure.toSeconds()));
        b.append(String.format(Locale.ROOT, "**%.1f completed sign-ins/s** (%d in %d s). Errors: %s.%s%n%n",
                stats.completedCount() / seconds, stats.completedCount(), measure.toSeconds(),
                stats.errors().isEmpty() ? "none" : stats.errors().toString(),
                stats.noUserCount() == 0 ? "" : " Waited for a free user " + stats.noUserCount() + " times."));
        b.append("| step | count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
        stats.steps().forEach((step, h) -> b.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
                step, h.getTotalCount(), ms(h, 50), ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0)));
        b.append("\n| process | CPU, % of one core | max RSS MiB |\n|---|---:|---:|\n");
        for (ProcessSampler.Usage u : usage) {
            b.append(String.format(Locale.ROOT, "| %s%s | %.0f | %d |%n", u.name(),
                    u.processes() > 1 ? " (" + u.processes() + " processes)" : "", u.cpuPercentOfOneCore(), u.maxRssMiB()));
        }
        return b.toString();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --name=value; see bench/README.md (got " + a + ")");
            }
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return o;
    }
}
