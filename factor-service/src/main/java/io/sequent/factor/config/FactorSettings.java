package io.sequent.factor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "sequent.factor")
public interface FactorSettings {

    Encryption encryption();

    Lockout lockout();

    Code code();

    Totp totp();

    Push push();

    interface Push {
        @WithDefault("60S")
        Duration ttl();

        @WithDefault("5")
        int maxPerMinute();
    }

    interface Encryption {
        /** The key id new secrets are sealed under. */
        String activeKeyId();

        /** Key id to base64 of 32 random bytes. Old ids stay here after a rotation so their secrets still open. */
        Map<String, String> keys();
    }

    interface Lockout {
        @WithDefault("10")
        int maxFailures();

        /** Within one sign-in transaction (auth-flow names it when it verifies). */
        @WithDefault("5")
        int maxFailuresPerTransaction();

        @WithDefault("15M")
        Duration window();

        @WithDefault("15M")
        Duration duration();
    }

    interface Code {
        @WithDefault("5M")
        Duration ttl();

        @WithDefault("5")
        int maxAttempts();

        @WithDefault("30S")
        Duration resendCooldown();
    }

    interface Totp {
        @WithDefault("Sequent")
        String issuer();
    }
}
