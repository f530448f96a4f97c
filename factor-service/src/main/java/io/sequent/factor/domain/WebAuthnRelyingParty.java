package io.sequent.factor.domain;

import com.webauthn4j.WebAuthnManager;
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
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
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
 * tpm, apple); self attestation is accepted, and certificate chains are not anchored to a trust
 * store (no FIDO metadata service is configured), so the AAGUID is recorded but not trusted.
 */
public final class WebAuthnRelyingParty {

    public static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256,
            COSEAlgorithmIdentifier.RS256);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    /** Settings: the relying party id (a domain), its display name, the accepted origins, the attestation asked for. */
    public record Settings(String rpId, String rpName, Set<String> origins, String attestation, Duration timeout) {
        public Settings {
            Objects.requireNonNull(rpId, "rpId");
            Objects.requireNonNull(rpName, "rpName");
            origins = Set.copyOf(origins);
            if (origins.isEmpty()) {
                throw new IllegalArgumentException("at least one WebAuthn origin is needed");
            }
            if (!attestation.equals("none") && !attestation.equals("direct")) {
                throw new IllegalArgumentException("the WebAuthn attestation must be none or direct");
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the WebAuthn timeout must be positive");
            }
        }
    }

    /** A registered credential as stored: id, COSE public key (CBOR), AAGUID, signature counter, attestation format. */
    public record Credential(byte[] credentialId, byte[] coseKey, UUID aaguid, long signCount, String format) {
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
        COUNTER_REGRESSION
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
    private final WebAuthnManager manager;
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

    /** The registration ceremony: checks the attestation object and client data against the challenge it was given. */
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
        byte[] cose = converter.getCborConverter().writeValueAsBytes(attested.getCOSEKey());
        return new Credential(attested.getCredentialId(), cose, attested.getAaguid().getValue(), authenticatorData.getSignCount(),
                data.getAttestationObject().getFormat());
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
