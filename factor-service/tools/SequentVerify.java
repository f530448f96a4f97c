/*
 * sequent-verify: a command-line push device for Sequent's factor-service, so push sign-in can be
 * tried without a phone. JDK only (17+); run it as a single-file program:
 *
 *   java SequentVerify.java enroll --url http://127.0.0.1:8082 --user <userId> --token <bearer> [--name laptop]
 *   java SequentVerify.java activate --activation '<activationUri>' [--name laptop]
 *                                     (the sequent-push://activate?url=..&factor=..&token=.. URI of an enrollment
 *                                      without a key: no bearer token needed; the URI names the service's URL)
 *   java SequentVerify.java list   --url http://127.0.0.1:8082
 *   java SequentVerify.java answer --url http://127.0.0.1:8082 --challenge <id> --number <n> [--reject]
 *   java SequentVerify.java watch  --url http://127.0.0.1:8082      (asks which number the sign-in screen shows)
 *
 * enroll and activate both make a new P-256 key pair. The device's private key and its factor id are
 * kept in --key-file (default ~/.sequent-verify.properties, readable by the owner only), whichever of
 * the two made it. Every request is signed with that key: the service holds only the public half.
 */

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Scanner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SequentVerify {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CHALLENGE = Pattern.compile(
            "\\{\"challengeId\":\"([0-9a-f-]{36})\",\"choices\":\\[([0-9,]+)\\],\"expiresAt\":\"([^\"]+)\"\\}");

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> opts = options(args);
        Path keyFile = Path.of(opts.getOrDefault("key-file", System.getProperty("user.home") + "/.sequent-verify.properties"));
        String url = opts.getOrDefault("url", "http://127.0.0.1:8082");
        switch (args[0]) {
            case "enroll" -> enroll(url, require(opts, "user"), require(opts, "token"), opts.getOrDefault("name", "sequent-verify"), keyFile);
            case "activate" -> activate(require(opts, "activation"), opts.get("name"), keyFile);
            case "list" -> list(url, load(keyFile)).forEach(c -> System.out.println(c.id + " choices " + c.choices + " expires " + c.expiresAt));
            case "answer" -> answer(url, load(keyFile), require(opts, "challenge"), Integer.parseInt(require(opts, "number")),
                    opts.containsKey("reject") ? "REJECT" : "APPROVE");
            case "watch" -> watch(url, load(keyFile));
            default -> usage();
        }
    }

    record Device(String factorId, PrivateKey key) {
    }

    record Challenge(String id, List<Integer> choices, String expiresAt) {
    }

    static void enroll(String url, String userId, String token, String name, Path keyFile) throws Exception {
        KeyPair pair = newKeyPair();
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String body = "{\"factorType\":\"push\",\"profile\":{\"publicKey\":\"" + publicKey + "\",\"deviceName\":\"" + name + "\"}}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/users/" + userId + "/factors"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
        if (response.statusCode() != 200 || !id.find()) {
            fail("enrollment refused: HTTP " + response.statusCode() + " " + response.body());
        }
        save(keyFile, id.group(1), pair.getPrivate());
        System.out.println("enrolled push factor " + id.group(1));
    }

    /**
     * Activates a push factor enrolled without a key: the activation URI names the service (url), the factor and a
     * one-time token; the new key's public half is sent with a signature over "sequent-push-activate|factor|token".
     */
    static void activate(String activationUri, String name, Path keyFile) throws Exception {
        String expected = "--activation must be a sequent-push://activate?url=..&factor=..&token=.. URI";
        Map<String, String> query = new HashMap<>();
        try {
            URI uri = URI.create(activationUri.strip());
            if (!"sequent-push".equals(uri.getScheme()) || !"activate".equals(uri.getHost()) || uri.getRawQuery() == null) {
                fail(expected);
            }
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            fail(expected);
        }
        if (!query.containsKey("url") || !query.containsKey("factor") || !query.containsKey("token")) {
            fail(expected);
        }
        String url = query.get("url").replaceAll("/+$", "");
        String factorId = query.get("factor");
        String token = query.get("token");
        KeyPair pair = newKeyPair();
        String publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        String signature = sign(pair.getPrivate(), "sequent-push-activate|" + factorId + "|" + token);
        String body = "{\"factorId\":\"" + json(factorId) + "\",\"token\":\"" + json(token) + "\",\"publicKey\":\"" + publicKey + "\","
                + (name == null ? "" : "\"deviceName\":\"" + json(name) + "\",") + "\"signature\":\"" + signature + "\"}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/devices/activate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            fail("activation refused: HTTP " + response.statusCode() + " " + response.body());
        }
        save(keyFile, factorId, pair.getPrivate());
        System.out.println("activated push factor " + factorId);
    }

    /** The key file that list, answer and watch read: the factor id and the PKCS#8 private key, for the owner only. */
    static void save(Path keyFile, String factorId, PrivateKey privateKey) throws IOException {
        Properties props = new Properties();
        props.setProperty("factorId", factorId);
        props.setProperty("privateKey", Base64.getEncoder().encodeToString(privateKey.getEncoded()));
        Files.deleteIfExists(keyFile);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(keyFile);
        }
        try (Writer out = Files.newBufferedWriter(keyFile)) {
            props.store(out, "sequent-verify push device");
        }
    }

    static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A JSON string's content: quotes, backslashes and control characters escaped. */
    static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static List<Challenge> list(String url, Device device) throws Exception {
        long ts = Instant.now().getEpochSecond();
        String sig = sign(device.key(), "sequent-push-list|" + device.factorId() + "|" + ts);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/devices/" + device.factorId()
                + "/challenges?ts=" + ts + "&sig=" + java.net.URLEncoder.encode(sig, StandardCharsets.UTF_8))).GET());
        if (response.statusCode() != 200) {
            fail("listing refused: HTTP " + response.statusCode() + " " + response.body());
        }
        List<Challenge> challenges = new ArrayList<>();
        Matcher m = CHALLENGE.matcher(response.body());
        while (m.find()) {
            List<Integer> choices = new ArrayList<>();
            for (String n : m.group(2).split(",")) {
                choices.add(Integer.parseInt(n));
            }
            challenges.add(new Challenge(m.group(1), choices, m.group(3)));
        }
        return challenges;
    }

    static void answer(String url, Device device, String challengeId, int number, String decision) throws Exception {
        String sig = sign(device.key(), "sequent-push-answer|" + challengeId + "|" + decision + "|" + number);
        String body = "{\"decision\":\"" + decision + "\",\"number\":" + number + ",\"signature\":\"" + sig + "\"}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/v1/devices/" + device.factorId()
                + "/challenges/" + challengeId)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 204) {
            fail("answer refused: HTTP " + response.statusCode() + " " + response.body());
        }
        System.out.println((decision.equals("APPROVE") ? "approved " : "rejected ") + challengeId);
    }

    static void watch(String url, Device device) throws Exception {
        Scanner in = new Scanner(System.in);
        System.out.println("waiting for push challenges; Ctrl-C to stop");
        while (true) {
            for (Challenge c : list(url, device)) {
                System.out.print("Sign-in request. Which number does the sign-in screen show? " + c.choices + " (or 'r' to reject): ");
                String line = in.nextLine().strip();
                if (line.equalsIgnoreCase("r")) {
                    answer(url, device, c.id, c.choices.get(0), "REJECT");
                } else {
                    answer(url, device, c.id, Integer.parseInt(line), "APPROVE");
                }
            }
            Thread.sleep(2000);
        }
    }

    static Device load(Path keyFile) throws Exception {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(keyFile)) {
            props.load(reader);
        } catch (IOException e) {
            fail("no device key in " + keyFile + "; run 'enroll' first");
        }
        PrivateKey key = KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(props.getProperty("privateKey"))));
        return new Device(props.getProperty("factorId"), key);
    }

    static String sign(PrivateKey key, String text) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                fail("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            opts.put(name, flag ? "true" : args[++i]);
        }
        return opts;
    }

    static String require(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null) {
            fail("--" + name + " is required");
        }
        return value;
    }

    static void usage() {
        fail("usage: SequentVerify enroll|activate|list|answer|watch [--url URL] [--key-file FILE] ...; see the comment at the top of the file");
    }

    static void fail(String message) {
        System.err.println("sequent-verify: " + message);
        System.exit(2);
    }
}
