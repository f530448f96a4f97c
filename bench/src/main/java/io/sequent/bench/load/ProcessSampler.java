package io.sequent.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * CPU and memory of the processes under test, from /proc: CPU as the share of one core used over
 * the measured window (utime + stime), memory as the highest resident set size seen (sampled every
 * second). A component with several processes (PostgreSQL's backends) is summed; shared pages are
 * then counted more than once, so its RSS is an upper bound.
 */
final class ProcessSampler {

    record Usage(String name, int processes, double cpuPercentOfOneCore, long maxRssMiB) {
    }

    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Pattern> components;
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private final Map<String, Long> maxRssKiB = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    /** pid → its component ("" for none), as of the last listing of /proc. */
    private final Map<Long, String> componentOf = new HashMap<>();
    private final long self = ProcessHandle.current().pid();
    private ScheduledExecutorService timer;
    private long startNanos;

    /** name → a pattern matched against each process's command line. */
    ProcessSampler(Map<String, Pattern> components) {
        this.components = components;
    }

    synchronized void start() {
        startNanos = System.nanoTime();
        Map<String, List<Long>> all = pidsByComponent();
        components.keySet().forEach(name -> {
            startTicks.put(name, ticks(all.get(name)));
            maxRssKiB.put(name, 0L);
        });
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "process-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::sampleRss, 0, 1, TimeUnit.SECONDS);
    }

    synchronized List<Usage> stop() {
        timer.shutdownNow();
        sampleRss();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<Usage> out = new ArrayList<>();
        Map<String, List<Long>> all = pidsByComponent();
        for (String name : components.keySet()) {
            List<Long> pids = all.get(name);
            long used = ticks(pids) - startTicks.getOrDefault(name, 0L);
            out.add(new Usage(name, counts.getOrDefault(name, pids.size()),
                    100.0 * used / TICKS_PER_SECOND / seconds, maxRssKiB.getOrDefault(name, 0L) / 1024));
        }
        return out;
    }

    private synchronized void sampleRss() {
        Map<String, List<Long>> all = pidsByComponent();
        for (String name : components.keySet()) {
            List<Long> pids = all.get(name);
            counts.merge(name, pids.size(), Math::max);
            long rss = 0;
            for (long pid : pids) {
                rss += rssKiB(pid);
            }
            maxRssKiB.merge(name, rss, Math::max);
        }
    }

    /**
     * The processes of each component, from one listing of /proc. A process's component is found from its command
     * line once and remembered while the pid lives, so a sample reads only the new processes' command lines: the
     * sampler runs beside the suite it measures and takes CPU from it.
     */
    private Map<String, List<Long>> pidsByComponent() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        components.keySet().forEach(name -> out.put(name, new ArrayList<>()));
        Map<Long, String> seen = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String file = dir.getFileName().toString();
                if (!file.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(file);
                String component = componentOf.containsKey(pid) ? componentOf.get(pid) : classify(pid);
                seen.put(pid, component);
                if (!component.isEmpty()) {
                    out.get(component).add(pid);
                }
            }
        } catch (IOException e) {
            return out;
        }
        componentOf.clear();
        componentOf.putAll(seen);
        return out;
    }

    /** The component whose pattern matches the process's command line; the generator is this process. Empty: none. */
    private String classify(long pid) {
        if (pid == self) {
            return components.containsKey("generator") ? "generator" : "";
        }
        String cmdline = cmdline(pid);
        for (Map.Entry<String, Pattern> c : components.entrySet()) {
            if (!"generator".equals(c.getKey()) && c.getValue().matcher(cmdline).find()) {
                return c.getKey();
            }
        }
        return "";
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            } catch (IOException | RuntimeException gone) {
                // the process ended between listing and reading
            }
        }
        return sum;
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // ended
        }
        return 0;
    }
}
