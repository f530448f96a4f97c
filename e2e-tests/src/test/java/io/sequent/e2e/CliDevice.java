package io.sequent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line push device users try push with, {@code factor-service/tools/SequentVerify.java},
 * run as its README says (a single-file Java program), each command a process of its own.
 */
final class CliDevice {

    private static final Pattern ENROLLED = Pattern.compile("enrolled push factor ([0-9a-f-]{36})");
    private static final Pattern ACTIVATED = Pattern.compile("activated push factor ([0-9a-f-]{36})");
    private static final Pattern PENDING = Pattern.compile("([0-9a-f-]{36}) choices \\[([0-9, ]+)\\]");

    final String factorId;
    private final Path keyFile;

    private CliDevice(String factorId, Path keyFile) {
        this.factorId = factorId;
        this.keyFile = keyFile;
    }

    /** {@code enroll}: the device makes its key pair and enrolls its public half for the user. */
    static CliDevice enroll(String userId, Path dir) {
        Path keyFile = dir.resolve("device-" + userId + ".properties");
        String out = run("enroll", "--url", Suite.Service.FACTOR.url(), "--user", userId, "--token", Suite.adminToken(),
                "--name", "e2e laptop", "--key-file", keyFile.toString());
        Matcher m = ENROLLED.matcher(out);
        assertThat(m.find()).as("enroll printed the factor id: %s", out).isTrue();
        return new CliDevice(m.group(1), keyFile);
    }

    /**
     * {@code activate}: the device takes the activation link a sign-in shows beside its QR code, makes its key pair
     * and registers its public half with factor-service (no bearer token: the link's one-time token is the proof).
     */
    static CliDevice activate(String activationUri, Path dir) {
        Path keyFile = dir.resolve("device-" + java.util.UUID.randomUUID() + ".properties");
        String out = run("activate", "--activation", activationUri, "--name", "e2e phone", "--key-file", keyFile.toString());
        Matcher m = ACTIVATED.matcher(out);
        assertThat(m.find()).as("activate printed the factor id: %s", out).isTrue();
        return new CliDevice(m.group(1), keyFile);
    }

    /** {@code list}, then {@code answer} the newest pending challenge with the number the sign-in shows. */
    void approve(int number) {
        String listed = run("list", "--url", Suite.Service.FACTOR.url(), "--key-file", keyFile.toString());
        Matcher m = PENDING.matcher(listed);
        String challenge = null;
        String choices = null;
        while (m.find()) {
            challenge = m.group(1);
            choices = m.group(2);
        }
        assertThat(challenge).as("a pending challenge in: %s", listed).isNotNull();
        assertThat(choices.split(",\\s*")).as("the number the screen shows is among the device's choices")
                .contains(Integer.toString(number));
        String answered = run("answer", "--url", Suite.Service.FACTOR.url(), "--key-file", keyFile.toString(),
                "--challenge", challenge, "--number", Integer.toString(number));
        assertThat(answered).contains("approved " + challenge);
    }

    private static String run(String... args) {
        Path tool = Suite.root().resolve("factor-service/tools/SequentVerify.java");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                tool.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("sequent-verify", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("sequent-verify %s finished", args[0]).isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            assertThat(p.exitValue()).as("sequent-verify %s: %s", args[0], text).isZero();
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + tool + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
