package io.sequent.factor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Push activation by the device: how long an activation lives and the base URL a device reaches the service at. */
@ConfigMapping(prefix = "sequent.push")
public interface PushSettings {

    /** How long a pending push factor's activation (its token) may be used by the device. */
    @WithDefault("5M")
    Duration activationTtl();

    /** The base URL devices call ({@code /api/v1/devices/...}), carried in the activation URI and its QR code. */
    @WithDefault("http://127.0.0.1:8082")
    String deviceUrl();
}
