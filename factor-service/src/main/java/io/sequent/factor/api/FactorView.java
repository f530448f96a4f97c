package io.sequent.factor.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sequent.factor.domain.Base32;
import io.sequent.factor.domain.FactorProfiles;
import io.sequent.factor.domain.Totp;
import io.sequent.factor.persistence.FactorEntity;
import io.sequent.factor.service.PushActivations;
import io.sequent.factor.service.QrCodes;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A factor as Okta's Factors API shows it. Phone numbers and addresses are always masked; the TOTP
 * seed and a push factor's activation token appear once, in {@code _embedded.activation} of the enroll response.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FactorView(String id, String factorType, String provider, String status, Instant created, Instant lastUpdated,
                         Map<String, String> profile, @JsonProperty("_embedded") Embedded embedded) {

    /**
     * {@code activation}: an {@link Activation} (TOTP), the PublicKeyCredentialCreationOptions (webauthn) or a
     * {@link PushActivation} (push enrolled without a key).
     */
    public record Embedded(Object activation) {
    }

    /** What an authenticator app needs: the base32 seed, the otpauth URI and the same URI as a QR code PNG (data URI). */
    public record Activation(String sharedSecret, String encoding, int keyLength, int timeStep, String algorithm, int digits,
                             String otpauthUri, String qrcode) {
    }

    /**
     * What a push device needs to activate a pending push factor: the {@code sequent-push://activate} URI (device base
     * URL, factor id, one-time token), the same URI as a QR code PNG (data URI), and when the token expires.
     */
    public record PushActivation(Instant expiresAt, String activationUri, String qrcode) {
    }

    public static FactorView of(FactorEntity f) {
        return new FactorView(f.id.toString(), f.factorType.wireName(), f.provider, f.status.name(), f.createdAt, f.updatedAt,
                profile(f), null);
    }

    public static FactorView withActivation(FactorEntity f, byte[] seed, String issuer, String account) {
        String uri = Totp.DEFAULT.uri(issuer, account, seed);
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(uri, 256));
        var activation = new Activation(Base32.encode(seed), "base32", seed.length, Totp.DEFAULT.stepSeconds(), "SHA1",
                Totp.DEFAULT.digits(), uri, png);
        return new FactorView(f.id.toString(), f.factorType.wireName(), f.provider, f.status.name(), f.createdAt, f.updatedAt,
                profile(f), new Embedded(activation));
    }

    /** A pending webauthn factor with the PublicKeyCredentialCreationOptions for {@code navigator.credentials.create}. */
    public static FactorView withWebAuthnOptions(FactorEntity f, Map<String, Object> options) {
        return new FactorView(f.id.toString(), f.factorType.wireName(), f.provider, f.status.name(), f.createdAt, f.updatedAt,
                profile(f), new Embedded(options));
    }

    /** A pending push factor with its activation, for the device to scan or open. */
    public static FactorView withPushActivation(FactorEntity f, PushActivations.Activation activation) {
        String png = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(activation.activationUri(), 256));
        return new FactorView(f.id.toString(), f.factorType.wireName(), f.provider, f.status.name(), f.createdAt, f.updatedAt,
                profile(f), new Embedded(new PushActivation(activation.expiresAt(), activation.activationUri(), png)));
    }

    private static Map<String, String> profile(FactorEntity f) {
        return FactorProfiles.of(f.factorType, f.display, f.question, f.webauthnCredentialId);
    }
}
