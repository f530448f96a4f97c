package io.sequent.authflow.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Rate limits of the Authentication API ({@code /api/v1/authn*}), counted cluster-wide in Redis in
 * fixed windows: per client IP (every call) and per username (primary authentication).
 */
@ConfigMapping(prefix = "sequent.authn.rate-limit")
public interface RateLimitConfig {

    /** Off: nothing is counted (for a benchmark that measures the flow alone). */
    @WithDefault("true")
    boolean enabled();

    Window ip();

    Window username();

    interface Window {
        /** Requests allowed per window. */
        long limit();

        /** The window's length. */
        Duration window();
    }
}
