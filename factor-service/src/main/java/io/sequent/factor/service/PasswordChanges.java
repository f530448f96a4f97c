package io.sequent.factor.service;

import io.quarkus.logging.Log;
import io.sequent.events.UserSource;
import io.sequent.factor.domain.Argon2id;
import io.sequent.factor.domain.FactorStatus;
import io.sequent.factor.domain.FactorType;
import io.sequent.factor.domain.PasswordRules;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * A local user changes their password (auth-flow's {@code change_password}). Every refusal is an outcome,
 * not an error: a wrong old password counts towards the password factor's lockout like a failed
 * verification; on success the Argon2id hash is replaced and {@code factor.reset} is published.
 */
@ApplicationScoped
public class PasswordChanges {

    public enum Outcome { CHANGED, INVALID_OLD, POLICY, NOT_SUPPORTED, LOCKED }

    public record Result(Outcome outcome, String message) {
    }

    private final UserDirectory users;
    private final FactorService factors;
    private final LockoutStore lockout;
    private final SecureRandom random;
    /** Argon2id runs here, never on the event loop or Vert.x's general worker pool. */
    private final HashingPool hashing;

    public PasswordChanges(UserDirectory users, FactorService factors, LockoutStore lockout, SecureRandom random, HashingPool hashing) {
        this.users = users;
        this.factors = factors;
        this.lockout = lockout;
        this.random = random;
        this.hashing = hashing;
    }

    public Uni<Result> change(UUID userId, String oldPassword, String newPassword) {
        return users.require(userId).chain(user -> {
            if (user.source == UserSource.DIRECTORY) {
                return done(Outcome.NOT_SUPPORTED, "a directory user's password is changed in the directory");
            }
            return factors.list(userId, FactorStatus.ACTIVE).chain(active -> {
                var password = active.stream().filter(f -> f.factorType == FactorType.PASSWORD).findFirst();
                if (password.isEmpty() || password.get().verifier == null) {
                    return done(Outcome.NOT_SUPPORTED, "the user has no local password");
                }
                var f = password.get();
                return lockout.lockedUntil(userId, f.id).chain(locked -> {
                    if (locked.isPresent()) {
                        return done(Outcome.LOCKED, "the password is locked after too many failed attempts until " + locked.get());
                    }
                    return blocking(() -> Argon2id.verify(oldPassword, f.verifier)).chain(matches -> {
                        if (!matches) {
                            return lockout.recordFailure(userId, f.id).chain(lockedNow -> lockedNow.isPresent()
                                    ? factors.publishLocked(f, lockedNow.get()).chain(() -> done(Outcome.LOCKED,
                                            "the old password is wrong; the password is now locked until " + lockedNow.get()))
                                    : done(Outcome.INVALID_OLD, "the old password is wrong"));
                        }
                        var violation = PasswordRules.violation(oldPassword, newPassword, user.username);
                        if (violation.isPresent()) {
                            return done(Outcome.POLICY, violation.get());
                        }
                        return blocking(() -> Argon2id.DEFAULT.hash(newPassword, random))
                                .chain(hash -> factors.replacePassword(userId, f.id, f.version, hash))
                                .chain(replaced -> replaced
                                        ? lockout.recordSuccess(userId, f.id).chain(() -> done(Outcome.CHANGED, "the password was changed"))
                                        : done(Outcome.INVALID_OLD, "the password changed meanwhile; try again"));
                    });
                });
            });
        }).invoke(r -> Log.infof("user %s password change: %s", userId, r.outcome()));
    }

    private <T> Uni<T> blocking(java.util.function.Supplier<T> work) {
        return hashing.run(work);
    }

    private static Uni<Result> done(Outcome outcome, String message) {
        return Uni.createFrom().item(new Result(outcome, message));
    }
}
