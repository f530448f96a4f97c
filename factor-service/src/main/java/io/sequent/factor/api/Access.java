package io.sequent.factor.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who may touch a user's factors: an admin, or the user themself (token subject = user id). */
@RequestScoped
public class Access {

    private final SecurityIdentity identity;

    public Access(SecurityIdentity identity) {
        this.identity = identity;
    }

    public void requireAdminOrSelf(UUID userId) {
        // auth-flow (role service) enrolls and activates on the user's behalf inside MFA_ENROLL
        if (!isAdmin() && !identity.hasRole("service") && !userId.toString().equals(subject())) {
            throw ProblemException.forbidden("only an admin, the user themself or the sign-in service may manage these factors");
        }
    }

    public boolean isAdmin() {
        return identity.hasRole("admin");
    }

    private String subject() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return jwt.getSubject();
        }
        return identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
    }
}
