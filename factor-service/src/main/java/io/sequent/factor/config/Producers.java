package io.sequent.factor.config;

import io.sequent.factor.domain.Lockout;
import io.sequent.factor.domain.OneTimeCodes;
import io.sequent.factor.domain.SecretCipher;
import io.sequent.factor.domain.WebAuthnRelyingParty;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/** The plain-Java domain objects, built from configuration. */
public class Producers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SecureRandom random() {
        return new SecureRandom();
    }

    @Produces
    @Singleton
    SecretCipher cipher(FactorSettings settings, SecureRandom random) {
        Map<String, byte[]> keys = new HashMap<>();
        if (!settings.encryption().keys().containsKey(settings.encryption().activeKeyId())) {
            Log.errorf("no AES-256 key with id '%s' is configured (set SEQUENT_FACTOR_KEY): secrets cannot be sealed or opened",
                    settings.encryption().activeKeyId());
            throw new IllegalStateException("no encryption key configured");
        }
        settings.encryption().keys().forEach((id, base64) -> {
            try {
                keys.put(id, Base64.getDecoder().decode(base64.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("sequent.factor.encryption.keys." + id + " is not base64");
            }
        });
        return new SecretCipher(keys, settings.encryption().activeKeyId(), random);
    }

    @Produces
    @Singleton
    OneTimeCodes codes(SecureRandom random) {
        return new OneTimeCodes(random);
    }

    @Produces
    @Singleton
    WebAuthnRelyingParty relyingParty(WebAuthnSettings settings, SecureRandom random) {
        return new WebAuthnRelyingParty(new WebAuthnRelyingParty.Settings(settings.rpId(), settings.rpName(),
                new HashSet<>(settings.origins()), settings.attestation(), settings.timeout()), random);
    }

    @Produces
    @Singleton
    Lockout lockout(FactorSettings settings) {
        return new Lockout(settings.lockout().maxFailures(), settings.lockout().maxFailuresPerTransaction(),
                settings.lockout().window(), settings.lockout().duration());
    }
}
