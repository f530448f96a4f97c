package io.sequent.factor.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each API test class: no seed, code, answer or password used so far in the run appears in
 * the service's log file; the class that runs last has checked the log of the whole run.
 */
public class LogHygiene implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Path file = Path.of("target/factor-service-test.log");
        assertThat(file).exists();
        String log = Files.readString(file);
        assertThat(log).contains("enrolled factor");
        List<String> secrets = Files.exists(Fixtures.SECRETS_FILE) ? Files.readAllLines(Fixtures.SECRETS_FILE) : List.of();
        for (String secret : secrets.stream().filter(x -> !x.isBlank()).toList()) {
            // whole tokens only: a six-digit code may occur by chance inside a longer number such as a timestamp
            var token = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])");
            assertThat(token.matcher(log).find()).as("the service log holds a secret used by a test").isFalse();
        }
    }
}
