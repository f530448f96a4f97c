package io.sequent.factor.service;

import io.quarkus.logging.Log;
import io.sequent.events.UserSource;
import io.sequent.events.UserStatus;
import io.sequent.factor.api.FactorRequests;
import io.sequent.factor.api.ProblemException;
import io.sequent.factor.client.DirectoryClient;
import io.sequent.factor.domain.AnswerHashes;
import io.sequent.factor.domain.Answers;
import io.sequent.factor.domain.Argon2id;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.domain.OneTimeCodes;
import io.sequent.factor.domain.Questions;
import io.sequent.factor.domain.Totp;
import io.sequent.factor.domain.VerifyOutcome;
import io.sequent.factor.persistence.FactorEntity;
import io.sequent.factor.persistence.FactorUserEntity;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Challenges and verifies factors, for auth-flow's sign-in and for activation. Every failure is
 * counted towards the S13 lockout; the failure that reaches the limit locks the factor and publishes
 * {@code factor.locked}.
 */
@ApplicationScoped
public class Verifier {

    /** A verification's answer; {@code lockedUntil} is set with {@link VerifyOutcome#LOCKED}. */
    public record Result(UUID factorId, String factorType, VerifyOutcome outcome, Instant lockedUntil) {
    }

    /**
     * A challenge's answer: SENT (a code is on its way), READY (nothing to send), WAITING (push), CHALLENGE (webauthn:
     * {@code challenge}, {@code allowCredentials}, {@code rpId}, {@code userVerification}, {@code timeout} are the
     * PublicKeyCredentialRequestOptions for {@code navigator.credentials.get}) or LOCKED.
     */
    public record Challenge(UUID factorId, String factorType, String status, Instant expiresAt, String destination,
                            String question, String questionText, Instant lockedUntil, String challengeId, Integer correctAnswer,
                            String challenge, List<Map<String, Object>> allowCredentials, String rpId, String userVerification,
                            Long timeout) {
        public Challenge(UUID factorId, String factorType, String status, Instant expiresAt, String destination, String question,
                         String questionText, Instant lockedUntil, String challengeId, Integer correctAnswer) {
            this(factorId, factorType, status, expiresAt, destination, question, questionText, lockedUntil, challengeId,
                    correctAnswer, null, null, null, null, null);
        }

        static Challenge simple(FactorEntity f, String status, Instant expiresAt, Instant lockedUntil) {
            return new Challenge(f.id, f.factorType.wireName(), status, expiresAt, f.display, null, null, lockedUntil, null, null);
        }

        @SuppressWarnings("unchecked")
        static Challenge webauthn(FactorEntity f, Map<String, Object> options, Instant expiresAt) {
            return new Challenge(f.id, f.factorType.wireName(), "CHALLENGE", expiresAt, f.display, null, null, null, null, null,
                    (String) options.get("challenge"), (List<Map<String, Object>>) options.get("allowCredentials"),
                    (String) options.get("rpId"), (String) options.get("userVerification"), (Long) options.get("timeout"));
        }
    }

    private final FactorService factors;
    private final LockoutStore lockout;
    private final CodeStore codeStore;
    private final CodeSender codes;
    private final DirectoryClient directory;
    private final PushChallenges push;
    private final WebAuthnFactors webauthn;
    /** Argon2id runs here, never on the event loop or Vert.x's general worker pool. */
    private final HashingPool hashing;
    /** Keyed answer hashes: microseconds of HMAC, checked where the request runs. */
    private final AnswerHashes answers;
    private final SecureRandom random;
    private final MeterRegistry meters;
    private final Clock clock;

    public Verifier(FactorService factors, LockoutStore lockout, CodeStore codeStore, CodeSender codes,
                    DirectoryClient directory, PushChallenges push, WebAuthnFactors webauthn, HashingPool hashing, AnswerHashes answers,
                    SecureRandom random, MeterRegistry meters, Clock clock) {
        this.factors = factors;
        this.lockout = lockout;
        this.codeStore = codeStore;
        this.codes = codes;
        this.directory = directory;
        this.push = push;
        this.webauthn = webauthn;
        this.hashing = hashing;
        this.answers = answers;
        this.random = random;
        this.meters = meters;
        this.clock = clock;
    }

    /** Starts verifying an ACTIVE factor: sends a code for sms, call and email; nothing to do for the others. */
    public Uni<Challenge> challenge(UUID userId, UUID factorId) {
        return factors.held(userId, factorId).map(FactorService.Held::factor).chain(f -> {
            if (f.status != FactorStatus.ACTIVE) {
                throw ProblemException.conflict("factor " + factorId + " is not active");
            }
            return lockout.lockedUntil(userId, factorId).chain(locked -> {
                if (locked.isPresent()) {
                    return Uni.createFrom().item(Challenge.simple(f, "LOCKED", null, locked.get()));
                }
                if (f.factorType.sendsCode()) {
                    return codes.send(f).map(expires -> Challenge.simple(f, "SENT", expires, null));
                }
                if (f.factorType == FactorType.PUSH) {
                    return push.challenge(f);
                }
                if (f.factorType == FactorType.WEBAUTHN) {
                    Instant expires = clock.instant().plusMillis(webauthn.timeoutMillis());
                    return webauthn.challenge(f).map(options -> Challenge.webauthn(f, options, expires));
                }
                return Uni.createFrom().item(new Challenge(f.id, f.factorType.wireName(), "READY", null, f.display, f.question,
                        Questions.text(f.question).orElse(null), null, null, null));
            });
        });
    }

    /** Verifies an ACTIVE factor. */
    public Uni<Result> verify(UUID userId, UUID factorId, FactorRequests.Verify request) {
        return factors.held(userId, factorId).chain(held -> {
            FactorUserEntity user = held.user();
            FactorEntity f = held.factor();
            if (f.status != FactorStatus.ACTIVE) {
                throw ProblemException.conflict("factor " + factorId + " is not active; activate it first");
            }
            if (user.status == UserStatus.DISABLED) {
                return Uni.createFrom().item(result(f, VerifyOutcome.DISABLED, null));
            }
            return guarded(user, f, request);
        }).invoke(r -> meters.counter("sequent.factor.verifications", "type", r.factorType(), "outcome", r.outcome().name()).increment());
    }

    /**
     * Activates a PENDING_ACTIVATION factor with the code it was sent or the authenticator shows, or (webauthn) with
     * the authenticator's attestation. Failures count towards the lockout like verification failures.
     */
    public Uni<Result> activate(UUID userId, UUID factorId, FactorRequests.Activate request) {
        return factors.held(userId, factorId).chain(held -> {
            FactorUserEntity user = held.user();
            FactorEntity f = held.factor();
            if (f.status != FactorStatus.PENDING_ACTIVATION) {
                throw ProblemException.conflict("factor " + factorId + " is already active");
            }
            if (f.factorType == FactorType.WEBAUTHN) {
                // the credential is stored and the factor activated inside the check, when the attestation holds
                return guarded(f, null, () -> webauthn.register(f, request));
            }
            if (!f.factorType.sendsCode() && f.factorType != FactorType.TOTP) {
                throw ProblemException.conflict("factor " + factorId + " needs no activation");
            }
            required(request.passCode(), "/passCode");
            return guarded(user, f, FactorRequests.Verify.passCode(request.passCode())).call(r -> r.outcome() == VerifyOutcome.SUCCESS
                    ? factors.activate(userId, factorId) : Uni.createFrom().voidItem());
        });
    }

    private Uni<Result> guarded(FactorUserEntity user, FactorEntity f, FactorRequests.Verify request) {
        return guarded(f, request.transactionId(), () -> check(user, f, request));
    }

    private Uni<Result> guarded(FactorEntity f, String transactionId, java.util.function.Supplier<Uni<VerifyOutcome>> check) {
        return lockout.lockedUntil(f.userId, f.id).chain(locked -> {
            if (locked.isPresent()) {
                return Uni.createFrom().item(result(f, VerifyOutcome.LOCKED, locked.get()));
            }
            return check.get().chain(outcome -> switch (outcome) {
                case SUCCESS -> lockout.recordSuccess(f.userId, f.id).replaceWith(result(f, outcome, null));
                case INVALID, REPLAYED -> lockout.recordFailure(f.userId, f.id, transactionId).chain(lockedNow -> lockedNow.isPresent()
                        ? factors.publishLocked(f, lockedNow.get()).replaceWith(result(f, VerifyOutcome.LOCKED, lockedNow.get()))
                        : Uni.createFrom().item(result(f, outcome, null)));
                default -> Uni.createFrom().item(result(f, outcome, null));
            });
        });
    }

    private Uni<VerifyOutcome> check(FactorUserEntity user, FactorEntity f, FactorRequests.Verify request) {
        return switch (f.factorType) {
            case TOTP -> {
                String code = required(request.passCode(), "/passCode");
                var step = Totp.DEFAULT.matchingStep(factors.openSecret(f), code, clock.instant());
                yield step.isEmpty() ? Uni.createFrom().item(VerifyOutcome.INVALID)
                        : factors.acceptTotpStep(f.id, step.getAsLong()).map(accepted -> accepted ? VerifyOutcome.SUCCESS : VerifyOutcome.REPLAYED);
            }
            case SMS, CALL, EMAIL -> {
                String code = required(request.passCode(), "/passCode");
                yield !OneTimeCodes.wellFormed(code) ? Uni.createFrom().item(VerifyOutcome.INVALID)
                        : codeStore.verify(f.id, codes.hash(f, code)).map(check -> switch (check) {
                            case ACCEPTED -> VerifyOutcome.SUCCESS;
                            case WRONG, USED_UP -> VerifyOutcome.INVALID;
                            case NONE -> VerifyOutcome.EXPIRED;
                        });
            }
            case QUESTION -> answerMatches(f, required(request.answer(), "/answer"));
            case PASSWORD -> {
                String password = required(request.password(), "/password");
                if (user.source == UserSource.DIRECTORY) {
                    yield directory.checkPassword(f.userId, password).onFailure().recoverWithItem(failure -> {
                        Log.warnf("user %s: directory password check unavailable: %s", f.userId, failure.getClass().getSimpleName());
                        return VerifyOutcome.UNAVAILABLE;
                    });
                }
                yield passwordMatches(f, password);
            }
            case PUSH -> push.poll(f, required(request.challengeId(), "/challengeId"));
            case WEBAUTHN -> webauthn.verify(f, request);
            default -> Uni.createFrom().item(VerifyOutcome.UNAVAILABLE);
        };
    }

    /** A hash of the default parameters that no password matches: the work of a wrong password, for no user. */
    private static final String DECOY_HASH = Argon2id.DEFAULT.hash(java.util.UUID.randomUUID().toString(),
            new java.security.SecureRandom());

    /**
     * The same Argon2id work as checking a real user's password, against a hash nobody holds, so a
     * sign-in with a password for an unknown user takes as long as one for a known user (S1). Always INVALID.
     */
    public Uni<VerifyOutcome> decoyPassword(String password) {
        return matches(password == null ? "" : password, DECOY_HASH).map(ignored -> VerifyOutcome.INVALID);
    }

    private Uni<VerifyOutcome> matches(String secret, String verifier) {
        return hashing.run(() -> Argon2id.verify(secret, verifier))
                .map(ok -> ok ? VerifyOutcome.SUCCESS : VerifyOutcome.INVALID);
    }

    /** A local password: Argon2id on the hashing pool; a match against a hash of older parameters is hashed again with the current ones. */
    private Uni<VerifyOutcome> passwordMatches(FactorEntity f, String password) {
        String seen = f.verifier;
        return matches(password, seen).chain(outcome -> outcome == VerifyOutcome.SUCCESS && Argon2id.DEFAULT.needsRehash(seen)
                ? upgrade(f, seen, hashing.run(() -> Argon2id.DEFAULT.hash(password, random)))
                : Uni.createFrom().item(outcome));
    }

    /**
     * A security answer. The keyed form is an HMAC of microseconds, checked in place (as a TOTP code is); a hash from
     * before it (Argon2id) is checked on the hashing pool like a password, and replaced by the keyed form once it
     * matches, as is a keyed hash under a key that is no longer the active one. A hash under a key id missing from the
     * ring cannot be checked: UNAVAILABLE (never a success, not counted as a failure), with an error logged.
     */
    private Uni<VerifyOutcome> answerMatches(FactorEntity f, String answer) {
        String seen = f.verifier;
        if (!AnswerHashes.isKeyed(seen)) {
            return matches(Answers.normalise(answer), seen).chain(outcome -> outcome == VerifyOutcome.SUCCESS
                    ? upgrade(f, seen, Uni.createFrom().item(() -> answers.hash(answer)))
                    : Uni.createFrom().item(outcome));
        }
        boolean ok;
        try {
            ok = answers.verify(answer, seen);
        } catch (AnswerHashes.UnknownKeyException e) {
            Log.errorf("user %s factor %s: %s; put the key back into sequent.factor.encryption.keys", f.userId, f.id, e.getMessage());
            return Uni.createFrom().item(VerifyOutcome.UNAVAILABLE);
        }
        if (!ok) {
            return Uni.createFrom().item(VerifyOutcome.INVALID);
        }
        return answers.needsRehash(seen) ? upgrade(f, seen, Uni.createFrom().item(() -> answers.hash(answer)))
                : Uni.createFrom().item(VerifyOutcome.SUCCESS);
    }

    /**
     * Stores {@code upgraded} (a new hash of the secret that just matched {@code seen}) and answers SUCCESS whatever
     * happens to it: the secret was right, and a failed upgrade is tried again at the next sign-in.
     */
    private Uni<VerifyOutcome> upgrade(FactorEntity f, String seen, Uni<String> upgraded) {
        return upgraded.chain(hash -> factors.upgradeVerifier(f.id, seen, hash))
                .invoke(stored -> {
                    if (stored) {
                        Log.infof("user %s factor %s: hash upgraded to the current form", f.userId, f.id);
                    }
                })
                .replaceWith(VerifyOutcome.SUCCESS)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("user %s factor %s: hash upgrade failed, kept the old one: %s", f.userId, f.id,
                            failure.getClass().getSimpleName());
                    return VerifyOutcome.SUCCESS;
                });
    }

    private static String required(String value, String pointer) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest(pointer + " is required for this factor type");
        }
        return value;
    }

    private static Result result(FactorEntity f, VerifyOutcome outcome, Instant lockedUntil) {
        return new Result(f.id, f.factorType.wireName(), outcome, lockedUntil);
    }
}
