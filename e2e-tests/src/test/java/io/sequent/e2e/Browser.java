package io.sequent.e2e;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A headless Chromium from the operating system's packages ({@code /usr/bin/chromium}, or
 * {@code -Dsequent.e2e.chromium}), driven by Playwright for Java. Playwright never downloads a browser
 * here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}), and the browser is kept from calling home (no
 * QUIC, sync, component updates or background networking). Each page records the console errors and
 * every URL it requested, so a test can prove that a page stayed on its own origin and broke no
 * Content-Security-Policy rule. Screenshots go to {@code e2e-tests/target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("sequent.e2e.chromium", "/usr/bin/chromium"));
    static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    static Browser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install the chromium package (apt-get install chromium)");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS).setTimeout(60_000)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new page in a context of its own (no cookies or storage shared with another test). */
    Tab open() {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(800, 900).setLocale("en-GB"));
        context.setDefaultTimeout(30_000);
        return new Tab(context, context.newPage());
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            playwright.close();
        }
    }

    /** A page with what it logged and requested. */
    static final class Tab implements AutoCloseable {

        final BrowserContext context;
        final Page page;
        final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
        final List<String> requested = Collections.synchronizedList(new ArrayList<>());
        private CDPSession cdp;

        private Tab(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
            page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    consoleErrors.add(m.text());
                }
            });
            page.onPageError(e -> consoleErrors.add("page error: " + e));
            page.onRequest(r -> requested.add(r.url()));
        }

        /**
         * Gives the page a WebAuthn authenticator: Chromium's virtual authenticator (DevTools' WebAuthn domain), a
         * CTAP2 platform authenticator that verifies its user at once. It makes real credentials and signatures;
         * only the user's touch is simulated. Returns its id for {@link #credentials}.
         */
        String virtualAuthenticator() {
            cdp = context.newCDPSession(page);
            cdp.send("WebAuthn.enable");
            JsonObject options = new JsonObject();
            options.addProperty("protocol", "ctap2");
            options.addProperty("transport", "internal");
            options.addProperty("hasResidentKey", true);
            options.addProperty("hasUserVerification", true);
            options.addProperty("isUserVerified", true);
            options.addProperty("automaticPresenceSimulation", true);
            JsonObject params = new JsonObject();
            params.add("options", options);
            return cdp.send("WebAuthn.addVirtualAuthenticator", params).get("authenticatorId").getAsString();
        }

        /** How many credentials the virtual authenticator holds. */
        int credentials(String authenticatorId) {
            JsonObject params = new JsonObject();
            params.addProperty("authenticatorId", authenticatorId);
            return cdp.send("WebAuthn.getCredentials", params).getAsJsonArray("credentials").size();
        }

        /** Saves a full-page screenshot as {@code target/screenshots/<name>.png}. */
        Path screenshot(String name) {
            Path file = Suite.root().resolve("e2e-tests/target/screenshots").resolve(name + ".png");
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
            return file;
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
