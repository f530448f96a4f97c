package io.sequent.factor.service;

import io.sequent.events.UserSource;
import io.sequent.factor.api.FactorRequests;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.domain.AnswerHashes;
import io.sequent.factor.domain.Answers;
import io.sequent.factor.domain.Argon2id;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.domain.PhoneNumbers;
import io.sequent.factor.domain.Questions;
import io.sequent.factor.persistence.FactorEntity;
import io.sequent.factor.persistence.FactorUserEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Enrolls a factor: validates the profile, hashes or seals what must be kept, stores it, sends the first code. */
@ApplicationScoped
public class Enrollment {

    /**
     * What the caller sees once: the TOTP seed at enrollment, the WebAuthn PublicKeyCredentialCreationOptions
     * ({@code webauthnOptions}), or the activation of a push factor enrolled without a key ({@code pushActivation});
     * all null for other types.
     */
    public record Enrolled(FactorEntity factor, byte[] totpSecret, String account, Map<String, Object> webauthnOptions,
                           PushActivations.Activation pushActivation) {
        Enrolled(FactorEntity factor, byte[] totpSecret, String account) {
            this(factor, totpSecret, account, null, null);
        }

        Enrolled(FactorEntity factor, byte[] totpSecret, String account, Map<String, Object> webauthnOptions) {
            this(factor, totpSecret, account, webauthnOptions, null);
        }
    }

    /** The types this release enrolls: all of them. */
    static final Set<FactorType> ENROLLABLE = EnumSet.of(FactorType.PASSWORD, FactorType.TOTP, FactorType.SMS, FactorType.CALL,
            FactorType.EMAIL, FactorType.QUESTION, FactorType.PUSH, FactorType.WEBAUTHN);
    static final String SUPPORTED = ENROLLABLE.stream().map(FactorType::wireName).collect(Collectors.joining(", "));

    private final UserDirectory users;
    private final FactorService factors;
    private final CodeSender codes;
    private final WebAuthnFactors webauthn;
    /** Push factors enrolled without a key: the device activates them with a one-time token. */
    private final PushActivations pushActivations;
    private final SecureRandom random;
    /** Argon2id runs here, never on the event loop or Vert.x's general worker pool. */
    private final HashingPool hashing;
    /** Security answers: a keyed hash, microseconds, computed in place. */
    private final AnswerHashes answers;

    public Enrollment(UserDirectory users, FactorService factors, CodeSender codes, WebAuthnFactors webauthn,
                      PushActivations pushActivations, SecureRandom random, HashingPool hashing, AnswerHashes answers) {
        this.users = users;
        this.factors = factors;
        this.codes = codes;
        this.webauthn = webauthn;
        this.pushActivations = pushActivations;
        this.random = random;
        this.hashing = hashing;
        this.answers = answers;
    }

    public Uni<Enrolled> enroll(UUID userId, FactorRequests.Enroll request) {
        FactorType type = FactorType.fromWireName(request.factorType())
                .filter(ENROLLABLE::contains)
                .orElseThrow(() -> ProblemException.badRequest("/factorType must be one of: " + SUPPORTED));
        FactorRequests.Profile profile = request.profile() == null
                ? new FactorRequests.Profile(null, null, null, null, null, null, null) : request.profile();
        return users.require(userId).chain(user -> command(type, request, profile, user).chain(prepared ->
                factors.enroll(userId, prepared.command()).chain(factor -> {
                    if (type.sendsCode()) {
                        return codes.send(factor).replaceWith(new Enrolled(factor, null, user.username));
                    }
                    if (type == FactorType.WEBAUTHN) {
                        return webauthn.creationOptions(factor, user.username)
                                .map(options -> new Enrolled(factor, null, user.username, options));
                    }
                    if (type == FactorType.PUSH && factor.status == FactorStatus.PENDING_ACTIVATION) {
                        return pushActivations.start(factor)
                                .map(activation -> new Enrolled(factor, null, user.username, null, activation));
                    }
                    return Uni.createFrom().item(new Enrolled(factor, prepared.totpSecret(), user.username));
                })));
    }

    private record Prepared(EnrollCommand command, byte[] totpSecret) {
    }

    private Uni<Prepared> command(FactorType type, FactorRequests.Enroll request, FactorRequests.Profile profile,
                                  FactorUserEntity user) {
        return switch (type) {
            case TOTP -> {
                byte[] seed = new byte[20];
                random.nextBytes(seed);
                yield ready(new EnrollCommand(type, type.provider(), FactorStatus.PENDING_ACTIVATION, null, null, seed, null), seed);
            }
            case SMS, CALL -> {
                String phone = PhoneNumbers.normalise(profile.phoneNumber())
                        .orElseThrow(() -> ProblemException.badRequest("/profile/phoneNumber must be a phone number in E.164 form (+ and 7 to 15 digits)"));
                yield ready(new EnrollCommand(type, type.provider(), FactorStatus.PENDING_ACTIVATION,
                        io.sequent.factor.domain.Masking.phone(phone), null, phone.getBytes(StandardCharsets.UTF_8), null), null);
            }
            case EMAIL -> {
                if (profile.email() == null || profile.email().isBlank()) {
                    throw ProblemException.badRequest("/profile/email is required for an email factor");
                }
                String email = profile.email().strip();
                yield ready(new EnrollCommand(type, type.provider(), FactorStatus.PENDING_ACTIVATION,
                        io.sequent.factor.domain.Masking.email(email), null, email.getBytes(StandardCharsets.UTF_8), null), null);
            }
            case QUESTION -> {
                if (Questions.text(profile.question()).isEmpty()) {
                    throw ProblemException.badRequest("/profile/question must be a key of the question catalogue");
                }
                if (Answers.normalise(profile.answer()).length() < 4) {
                    throw ProblemException.badRequest("/profile/answer must hold at least 4 characters");
                }
                // normalised again inside the keyed hash, exactly as a verification does
                yield ready(new EnrollCommand(type, type.provider(), FactorStatus.ACTIVE, null, profile.question(), null,
                        answers.hash(profile.answer())), null);
            }
            case PASSWORD -> password(profile, user);
            case PUSH -> {
                String name = profile.deviceName() == null || profile.deviceName().isBlank() ? "push device" : profile.deviceName().strip();
                if (profile.publicKey() == null) {
                    // no key yet: pending until the device activates it with the token of the enroll answer's activation URI
                    yield ready(new EnrollCommand(type, type.provider(), FactorStatus.PENDING_ACTIVATION, name, null, null, null), null);
                }
                if (io.sequent.factor.domain.DeviceKeys.parse(profile.publicKey()).isEmpty()) {
                    throw ProblemException.badRequest("/profile/publicKey must be a P-256 public key (X.509 SubjectPublicKeyInfo, base64)");
                }
                yield ready(new EnrollCommand(type, type.provider(), FactorStatus.ACTIVE, name, null,
                        profile.publicKey().strip().getBytes(StandardCharsets.UTF_8), null), null);
            }
            case WEBAUTHN -> {
                if (request.provider() != null && !request.provider().equals(type.provider())) {
                    throw ProblemException.badRequest("/provider must be FIDO for a webauthn factor");
                }
                yield ready(new EnrollCommand(type, type.provider(), FactorStatus.PENDING_ACTIVATION, "WebAuthn authenticator", null,
                        null, null), null);
            }
            default -> throw ProblemException.badRequest("/factorType must be one of: " + SUPPORTED);
        };
    }

    private Uni<Prepared> password(FactorRequests.Profile profile, FactorUserEntity user) {
        if (user.source == UserSource.DIRECTORY) {
            if (profile.password() != null) {
                throw ProblemException.badRequest("/profile/password must be absent: a directory user's password is checked by the directory");
            }
            return ready(new EnrollCommand(FactorType.PASSWORD, "ACTIVE_DIRECTORY", FactorStatus.ACTIVE, null, null, null, null), null);
        }
        String password = profile.password();
        if (password == null || password.length() < 8) {
            throw ProblemException.badRequest("/profile/password must hold at least 8 characters");
        }
        return hash(password).map(h -> new Prepared(new EnrollCommand(FactorType.PASSWORD, FactorType.PASSWORD.provider(),
                FactorStatus.ACTIVE, null, null, null, h), null));
    }

    private static Uni<Prepared> ready(EnrollCommand command, byte[] totpSecret) {
        return Uni.createFrom().item(new Prepared(command, totpSecret));
    }

    /** A password's Argon2id hash on the hashing pool: it is CPU- and memory-bound by design. */
    private Uni<String> hash(String secret) {
        return hashing.run(() -> Argon2id.DEFAULT.hash(secret, random));
    }
}
