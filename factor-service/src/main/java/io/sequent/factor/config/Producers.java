package io.sequent.factor.config;

import io.sequent.factor.domain.AnswerHashes;
import io.sequent.factor.domain.Lockout;
import io.sequent.factor.domain.OneTimeCodes;
import io.sequent.factor.domain.SecretCipher;
import io.sequent.factor.domain.WebAuthnRelyingParty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
        return new SecretCipher(keyRing(settings), settings.encryption().activeKeyId(), random);
    }

    /** Answers are HMACed under keys derived from the same ring that seals the secrets, so they rotate with it. */
    @Produces
    @Singleton
    AnswerHashes answerHashes(FactorSettings settings, SecureRandom random) {
        return new AnswerHashes(keyRing(settings), settings.encryption().activeKeyId(), random);
    }

    private static Map<String, byte[]> keyRing(FactorSettings settings) {
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
        return keys;
    }

    @Produces
    @Singleton
    OneTimeCodes codes(SecureRandom random) {
        return new OneTimeCodes(random);
    }

    /**
     * Built at start ({@link Startup}), so that a wrong attestation trust setting (trusted without direct attestation or
     * without anchors, an unreadable anchor file, a malformed AAGUID) stops the service with its message.
     */
    @Produces
    @Singleton
    @Startup
    WebAuthnRelyingParty relyingParty(WebAuthnSettings settings, SecureRandom random) {
        List<X509Certificate> anchors = settings.trustAnchors().map(p -> TrustAnchorFiles.read(Path.of(p))).orElse(List.of());
        Set<UUID> aaguids = new HashSet<>();
        for (String aaguid : settings.allowedAaguids().orElse(List.of())) {
            try {
                aaguids.add(UUID.fromString(aaguid.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sequent.webauthn.allowed-aaguids: '" + aaguid + "' is not a UUID");
            }
        }
        var rp = new WebAuthnRelyingParty(new WebAuthnRelyingParty.Settings(settings.rpId(), settings.rpName(),
                new HashSet<>(settings.origins()), settings.attestation(), settings.timeout(), settings.attestationTrust(), anchors,
                aaguids), random);
        Log.infof("WebAuthn attestation trust: %s, %d trust anchor(s)%s, %s", settings.attestationTrust().name().toLowerCase(),
                anchors.size(), anchors.isEmpty() ? "" : " " + anchors.stream()
                        .map(c -> c.getSubjectX500Principal().getName()).toList(),
                aaguids.isEmpty() ? "every authenticator model" : "allowed AAGUIDs " + aaguids);
        if (!aaguids.isEmpty() && settings.attestationTrust() != WebAuthnRelyingParty.AttestationTrust.TRUSTED) {
            Log.warn("sequent.webauthn.allowed-aaguids without attestation-trust=trusted checks a model the authenticator "
                    + "claims for itself: any software can claim an allowed AAGUID");
        }
        return rp;
    }

    @Produces
    @Singleton
    Lockout lockout(FactorSettings settings) {
        return new Lockout(settings.lockout().maxFailures(), settings.lockout().maxFailuresPerTransaction(),
                settings.lockout().window(), settings.lockout().duration());
    }
}
