package io.sequent.factor.domain;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.anchor.KeyStoreTrustAnchorRepository;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.SelfAttestationProhibitedException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The WebAuthn relying party: builds the options of the registration and authentication ceremonies
 * and checks the authenticator's answers with webauthn4j (challenge, origin, rpIdHash, type, user
 * presence, attestation statement signature, assertion signature, signature counter). The caller
 * keeps the challenges (single use) and the credentials; this class holds no state.
 *
 * <p>Attestation: the statement's signature is always checked (none, packed, fido-u2f, android-key,
 * tpm, apple). When trust anchors are configured, a registration whose statement checks out is checked
 * a second time by a strict webauthn4j manager ({@link DefaultCertPathTrustworthinessVerifier} over a
 * {@link KeyStoreTrustAnchorRepository} of the anchors, self attestation prohibited, no "none" format):
 * the attestation is <em>trusted</em> when its certificate path chains to one of the anchors. Under
 * {@link AttestationTrust#TRUSTED} an attestation that is not trusted is refused; under
 * {@link AttestationTrust#ANY} it is accepted and recorded as not trusted. The AAGUID allow-list, when
 * set, refuses every other authenticator model.
 */
public final class WebAuthnRelyingParty {

    public static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256,
            COSEAlgorithmIdentifier.RS256);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    /** Which attestations a registration must carry. */
    public enum AttestationTrust {
        /** Every attestation whose statement checks out, none and self attestation included (trust is recorded, not required). */
        ANY,
        /** Only an attestation whose certificate path chains to a configured trust anchor; none and self attestation are refused. */
        TRUSTED
    }

    /**
     * Settings: the relying party id (a domain), its display name, the accepted origins, the attestation conveyance asked
     * for (none or direct), the challenge timeout, the attestation trust policy, the trust anchors (CA certificates) and
     * the AAGUIDs of the authenticator models allowed to register (empty: every model).
     */
    public record Settings(String rpId, String rpName, Set<String> origins, String attestation, Duration timeout,
                           AttestationTrust attestationTrust, List<X509Certificate> trustAnchors, Set<UUID> allowedAaguids) {
        public Settings {
            Objects.requireNonNull(rpId, "rpId");
            Objects.requireNonNull(rpName, "rpName");
            Objects.requireNonNull(attestationTrust, "attestationTrust");
            origins = Set.copyOf(origins);
            trustAnchors = List.copyOf(trustAnchors);
            allowedAaguids = Set.copyOf(allowedAaguids);
            if (origins.isEmpty()) {
                throw new IllegalArgumentException("at least one WebAuthn origin is needed");
            }
            if (!attestation.equals("none") && !attestation.equals("direct")) {
                throw new IllegalArgumentException("the WebAuthn attestation must be none or direct");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the WebAuthn timeout must be positive");
            }
            if (attestationTrust == AttestationTrust.TRUSTED && !attestation.equals("direct")) {
                throw new IllegalArgumentException("sequent.webauthn.attestation-trust=trusted needs sequent.webauthn.attestation="
                        + "direct: with '" + attestation + "' browsers strip the attestation certificates, so no registration "
                        + "could be trusted");
            }
            if (attestationTrust == AttestationTrust.TRUSTED && trustAnchors.isEmpty()) {
                throw new IllegalArgumentException("sequent.webauthn.attestation-trust=trusted needs at least one CA certificate "
                        + "in sequent.webauthn.trust-anchors");
            }
        }

        /** Today's defaults: every attestation accepted, no trust anchor, every authenticator model. */
        public Settings(String rpId, String rpName, Set<String> origins, String attestation, Duration timeout) {
            this(rpId, rpName, origins, attestation, timeout, AttestationTrust.ANY, List.of(), Set.of());
        }
    }

    /**
     * A registered credential as stored: id, COSE public key (CBOR), AAGUID, signature counter, attestation format, and
     * whether the attestation's certificate path chained to a configured trust anchor.
     */
    public record Credential(byte[] credentialId, byte[] coseKey, UUID aaguid, long signCount, String format,
                             boolean attestationTrusted) {
        public Credential {
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(coseKey, "coseKey");
        }
    }

    /** Why a ceremony failed. */
    public enum Failure {
        /** The input is not what an authenticator produces (not CBOR, missing fields, ...). */
        MALFORMED,
        /** Challenge, origin, rpId, type, user presence, algorithm or attestation statement wrong. */
        REFUSED,
        /** The signature does not verify with the credential's key. */
        BAD_SIGNATURE,
        /** The signature counter did not grow: a possible cloned authenticator. */
        COUNTER_REGRESSION,
        /** Under {@link AttestationTrust#TRUSTED}: no attestation, self attestation, or a certificate path that reaches no trust anchor. */
        UNTRUSTED_ATTESTATION,
        /** The authenticator's AAGUID is not in the allow-list. */
        AAGUID_NOT_ALLOWED
    }

    /** The one typed failure of a ceremony; the message is webauthn4j's, safe to log (it holds no secret). */
    public static final class CeremonyFailed extends Exception {
        private final Failure failure;

        public CeremonyFailed(Failure failure, String message) {
            super(message);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    private final Settings settings;
    /** Every statement format, signatures checked, none and self attestation accepted, certificate paths not anchored. */
    private final WebAuthnManager manager;
    /** With trust anchors: certificate paths must chain to one of them; no none format, self attestation prohibited. */
    private final WebAuthnManager anchored;
    private final ObjectConverter converter;
    private final SecureRandom random;

    public WebAuthnRelyingParty(Settings settings, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.converter = new ObjectConverter();
        this.manager = new WebAuthnManager(
                List.of(new NoneAttestationStatementVerifier(), new PackedAttestationStatementVerifier(),
                        new FIDOU2FAttestationStatementVerifier(), new AndroidKeyAttestationStatementVerifier(),
                        new TPMAttestationStatementVerifier(), new AppleAnonymousAttestationStatementVerifier()),
                new NullCertPathTrustworthinessVerifier(),
                new DefaultSelfAttestationTrustworthinessVerifier(true),
                converter);
        this.anchored = settings.trustAnchors().isEmpty() ? null : new WebAuthnManager(
                List.of(new PackedAttestationStatementVerifier(), new FIDOU2FAttestationStatementVerifier(),
                        new AndroidKeyAttestationStatementVerifier(), new TPMAttestationStatementVerifier(),
                        new AppleAnonymousAttestationStatementVerifier()),
                new DefaultCertPathTrustworthinessVerifier(new KeyStoreTrustAnchorRepository(keyStore(settings.trustAnchors()))),
                new DefaultSelfAttestationTrustworthinessVerifier(false),
                converter);
    }

    public Settings settings() {
        return settings;
    }

    /** A fresh 32-byte challenge, base64url without padding. */
    public String newChallenge() {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        return B64URL.encodeToString(challenge);
    }

    /** PublicKeyCredentialCreationOptions, as the browser's {@code navigator.credentials.create} takes them (binary as base64url). */
    public Map<String, Object> creationOptions(String challenge, UUID userId, String username, List<byte[]> excludeCredentialIds) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rp", Map.of("id", settings.rpId(), "name", settings.rpName()));
        options.put("user", Map.of("id", B64URL.encodeToString(uuidBytes(userId)), "name", username, "displayName", username));
        options.put("pubKeyCredParams", ALGORITHMS.stream()
                .map(a -> Map.<String, Object>of("type", "public-key", "alg", a.getValue())).toList());
        options.put("attestation", settings.attestation());
        options.put("authenticatorSelection", Map.of("userVerification", "preferred", "residentKey", "discouraged",
                "requireResidentKey", false));
        options.put("excludeCredentials", descriptors(excludeCredentialIds));
        options.put("timeout", settings.timeout().toMillis());
        return options;
    }

    /** What PublicKeyCredentialRequestOptions carry besides the challenge. */
    public Map<String, Object> requestOptions(String challenge, List<byte[]> allowCredentialIds) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rpId", settings.rpId());
        options.put("allowCredentials", descriptors(allowCredentialIds));
        options.put("userVerification", "preferred");
        options.put("timeout", settings.timeout().toMillis());
        return options;
    }

    /**
     * The registration ceremony: checks the attestation object and client data against the challenge it was given, then
     * the attestation trust policy and the AAGUID allow-list (see the class comment).
     */
    public Credential register(String challenge, byte[] attestationObject, byte[] clientDataJson) throws CeremonyFailed {
        var request = new RegistrationRequest(attestationObject, clientDataJson);
        var parameters = new RegistrationParameters(server(challenge),
                ALGORITHMS.stream().map(a -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, a)).toList(),
                false, true);
        RegistrationData data = run(() -> manager.verify(request, parameters));
        var authenticatorData = Objects.requireNonNull(data.getAttestationObject()).getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        if (attested == null) {
            throw new CeremonyFailed(Failure.MALFORMED, "the attestation holds no credential");
        }
        String format = data.getAttestationObject().getFormat();
        UUID aaguid = attested.getAaguid().getValue();
        String untrusted = untrustedBecause(data, parameters, format);
        if (untrusted != null && settings.attestationTrust() == AttestationTrust.TRUSTED) {
            throw new CeremonyFailed(Failure.UNTRUSTED_ATTESTATION, untrusted + " (format " + format + ", AAGUID " + aaguid + ")");
        }
        if (!settings.allowedAaguids().isEmpty() && !settings.allowedAaguids().contains(aaguid)) {
            throw new CeremonyFailed(Failure.AAGUID_NOT_ALLOWED, "authenticator model " + aaguid + " (format " + format
                    + ") is not in the allowed AAGUIDs");
        }
        byte[] cose = converter.getCborConverter().writeValueAsBytes(attested.getCOSEKey());
        return new Credential(attested.getCredentialId(), cose, aaguid, authenticatorData.getSignCount(), format, untrusted == null);
    }

    /**
     * Why a registration that passed every other check is not trusted, or null when its certificate path chains to a
     * trust anchor: webauthn4j's anchored manager checks the same registration again.
     */
    private String untrustedBecause(RegistrationData data, RegistrationParameters parameters, String format) {
        if (anchored == null) {
            return "no trust anchor is configured";
        }
        if (NoneAttestationStatement.FORMAT.equals(format)) {
            return "no attestation";
        }
        try {
            anchored.verify(data, parameters);
            return null;
        } catch (SelfAttestationProhibitedException e) {
            return "self attestation (no certificate)";
        } catch (TrustAnchorNotFoundException | CertificateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "the certificate path does not chain to a trust anchor: " + cause.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static KeyStore keyStore(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                store.setCertificateEntry("anchor-" + i, anchors.get(i));
            }
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("the WebAuthn trust anchors cannot be held in a key store", e);
        }
    }

    /** The authentication ceremony for one stored credential; answers the new signature counter. */
    public long authenticate(String challenge, Credential credential, byte[] clientDataJson, byte[] authenticatorData,
                             byte[] signature) throws CeremonyFailed {
        COSEKey key;
        try {
            key = Objects.requireNonNull(converter.getCborConverter().readValue(credential.coseKey(), COSEKey.class));
        } catch (RuntimeException e) {
            throw new IllegalStateException("a stored COSE key does not decode", e);
        }
        AAGUID aaguid = credential.aaguid() == null ? AAGUID.ZERO : new AAGUID(credential.aaguid());
        var record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, credential.signCount(),
                new AttestedCredentialData(aaguid, credential.credentialId(), key), null, null, null, null);
        var request = new AuthenticationRequest(credential.credentialId(), null, authenticatorData, clientDataJson, null, signature);
        var parameters = new AuthenticationParameters(server(challenge), record, List.of(credential.credentialId()), false, true);
        AuthenticationData data = run(() -> manager.verify(request, parameters));
        return Objects.requireNonNull(data.getAuthenticatorData()).getSignCount();
    }

    /** base64url (padding optional) to bytes; IllegalArgumentException otherwise. */
    public static byte[] decode(String base64url) {
        return B64URL_DECODER.decode(base64url.strip());
    }

    public static String encode(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    private ServerProperty server(String challenge) {
        return ServerProperty.builder()
                .origins(settings.origins().stream().map(Origin::new).collect(Collectors.toSet()))
                .rpId(settings.rpId())
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    private interface Ceremony<T> {
        T run();
    }

    private static <T> T run(Ceremony<T> ceremony) throws CeremonyFailed {
        try {
            return ceremony.run();
        } catch (MaliciousCounterValueException e) {
            throw new CeremonyFailed(Failure.COUNTER_REGRESSION, e.getMessage());
        } catch (com.webauthn4j.verifier.exception.BadSignatureException e) {
            throw new CeremonyFailed(Failure.BAD_SIGNATURE, e.getMessage());
        } catch (VerificationException e) {
            throw new CeremonyFailed(Failure.REFUSED, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (DataConversionException e) {
            throw new CeremonyFailed(Failure.MALFORMED, e.getClass().getSimpleName());
        } catch (com.webauthn4j.util.exception.WebAuthnException e) {
            throw new CeremonyFailed(Failure.REFUSED, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // what a parser throws for input that is no attestation or assertion at all
            throw new CeremonyFailed(Failure.MALFORMED, e.getClass().getSimpleName());
        }
    }

    private static List<Map<String, Object>> descriptors(List<byte[]> credentialIds) {
        return credentialIds.stream().map(id -> Map.<String, Object>of("type", "public-key", "id", B64URL.encodeToString(id))).toList();
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
