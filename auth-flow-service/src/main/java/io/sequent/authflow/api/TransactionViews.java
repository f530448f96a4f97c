package io.sequent.authflow.api;

import io.sequent.authflow.domain.flow.FlowState;
import io.sequent.authflow.domain.flow.Transaction;
import io.sequent.authflow.domain.policy.FlowPlan;
import io.sequent.authflow.persistence.StoredTransaction;
import io.sequent.authflow.service.AuthnOutcome;
import io.sequent.events.UserSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Okta transaction object (contract §4) for an {@link AuthnOutcome}: absolute {@code _links}
 * with {@code hints.allow ["POST"]}, {@code factors} as an array and {@code factor} as an object (T2),
 * only the statuses the Java SDK knows (T3), ISO timestamps and string profile values (T4).
 */
@ApplicationScoped
public class TransactionViews {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String base;

    public TransactionViews(@ConfigProperty(name = "sequent.authn.public-url") String publicUrl) {
        this.base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public Map<String, Object> render(AuthnOutcome outcome) {
        if (outcome instanceof AuthnOutcome.Live live) {
            return live(live);
        }
        if (outcome instanceof AuthnOutcome.Succeeded success) {
            return success(success);
        }
        if (outcome instanceof AuthnOutcome.LockedOut locked) {
            // no stateToken: the transaction is over (contract §4)
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", FlowState.LOCKED_OUT.name());
            if (locked.relayState() != null) {
                body.put("relayState", locked.relayState());
            }
            body.put("_links", Map.of());
            return body;
        }
        AuthnOutcome.Cancelled cancelled = (AuthnOutcome.Cancelled) outcome;
        Map<String, Object> body = new LinkedHashMap<>();
        if (cancelled.relayState() != null) {
            body.put("relayState", cancelled.relayState());
        }
        return body;
    }

    private Map<String, Object> success(AuthnOutcome.Succeeded s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expiresAt", ISO.format(s.expiresAt()));
        body.put("status", FlowState.SUCCESS.name());
        if (s.stored().tx().relayState() != null) {
            body.put("relayState", s.stored().tx().relayState());
        }
        body.put("sessionToken", s.sessionToken());
        body.put("_embedded", Map.of("user", user(s.user())));
        return body;
    }

    private Map<String, Object> live(AuthnOutcome.Live live) {
        StoredTransaction stored = live.stored();
        Transaction tx = stored.tx();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stateToken", live.stateToken());
        body.put("expiresAt", ISO.format(tx.expiresAt()));
        body.put("status", tx.state().name());
        if (tx.relayState() != null) {
            body.put("relayState", tx.relayState());
        }
        if ((tx.state() == FlowState.MFA_CHALLENGE || tx.state() == FlowState.MFA_ENROLL_ACTIVATE) && stored.factorResult() != null) {
            body.put("factorResult", stored.factorResult());
        }
        Map<String, Object> embedded = new LinkedHashMap<>();
        if (live.user() != null) {
            embedded.put("user", user(live.user()));
        }
        Map<String, Object> links = new LinkedHashMap<>();
        // before the first factor is verified nothing about the user's factors is revealed (S1)
        boolean reveal = !stored.decoy() && !tx.verified().isEmpty();
        if (tx.state() == FlowState.MFA_CHALLENGE) {
            String id = stored.currentFactorId();
            var ref = stored.factors().get(id);
            Map<String, Object> factor = factor(id, ref, reveal, false);
            if (stored.correctAnswer() != null && "WAITING".equals(stored.factorResult())) {
                factor.put("_embedded", Map.of("challenge", Map.of("correctAnswer", stored.correctAnswer())));
            }
            if (stored.challenge() != null) {
                factor.put("_embedded", Map.of("challenge", stored.challenge()));
            }
            embedded.put("factor", factor);
            embedded.put("policy", policy(List.of(id)));
            String verify = verifyHref(id);
            boolean push = "push".equals(ref.factorType());
            if (!push || "WAITING".equals(stored.factorResult())) {
                links.put("next", link(push ? "poll" : "verify", verify));
            }
            links.put("prev", link(null, base + "/api/v1/authn/previous"));
            if (!"webauthn".equals(ref.factorType())) {
                links.put("resend", List.of(link(ref.factorType(), verify + "/resend")));
            }
        } else if (tx.state() == FlowState.UNAUTHENTICATED || tx.state() == FlowState.MFA_REQUIRED) {
            List<String> offers = tx.offers();
            List<Map<String, Object>> factors = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            stored.factors().forEach((id, ref) -> {
                if (offers.contains(ref.factorType())) {
                    factors.add(factor(id, ref, reveal, true));
                    ids.add(id);
                }
            });
            embedded.put("factors", factors);
            embedded.put("policy", policy(ids));
        } else if (tx.state() == FlowState.MFA_ENROLL) {
            // the catalogue (S9, S11): no ids; each method REQUIRED or OPTIONAL as the enrollment policy says;
            // one the user holds is ACTIVE (as Okta lists it) and has no enroll link, the others NOT_SETUP
            List<Map<String, Object>> factors = new ArrayList<>();
            for (FlowPlan.EnrollChoice choice : tx.enrollChoices()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("factorType", choice.factorType());
                String provider = "webauthn".equals(choice.factorType()) ? "FIDO" : "OKTA";
                f.put("provider", provider);
                f.put("vendorName", provider);
                f.put("status", choice.enrolled() ? "ACTIVE" : "NOT_SETUP");
                f.put("enrollment", choice.required() ? "REQUIRED" : "OPTIONAL");
                f.put("_links", choice.enrolled() ? Map.of()
                        : Map.of("enroll", link(null, base + "/api/v1/authn/factors")));
                factors.add(f);
            }
            embedded.put("factors", factors);
            if (tx.skippable()) {
                links.put("skip", link(null, base + "/api/v1/authn/skip"));
            }
        } else if (tx.state() == FlowState.MFA_ENROLL_ACTIVATE) {
            String id = stored.currentFactorId();
            var ref = stored.factors().get(id);
            Map<String, Object> factor = factor(id, ref, true, false);
            factor.put("status", "PENDING_ACTIVATION");
            if (live.activation() != null) {
                factor.put("_embedded", Map.of("activation", live.activation()));
            }
            embedded.put("factor", factor);
            String activate = base + "/api/v1/authn/factors/" + id + "/lifecycle/activate";
            if (!"push".equals(ref.factorType())) {
                links.put("next", link("activate", activate));
            } else if ("WAITING".equals(stored.factorResult())) {
                // the device activates a push factor; the client polls until it has (Okta's "poll" link)
                links.put("next", link("poll", activate + "/poll"));
            }
            links.put("prev", link(null, base + "/api/v1/authn/previous"));
            if (List.of("sms", "call", "email").contains(ref.factorType())) {
                links.put("resend", List.of(link(ref.factorType(), base + "/api/v1/authn/factors/" + id
                        + "/lifecycle/resend")));
            }
        } else if (tx.state() == FlowState.PASSWORD_EXPIRED || tx.state() == FlowState.PASSWORD_WARN) {
            links.put("next", link("changePassword", base + "/api/v1/authn/credentials/change_password"));
            if (tx.skippable()) {
                links.put("skip", link(null, base + "/api/v1/authn/skip"));
            }
        }
        if (!embedded.isEmpty()) {
            body.put("_embedded", embedded);
        }
        links.put("cancel", link(null, base + "/api/v1/authn/cancel"));
        body.put("_links", links);
        return body;
    }

    private Map<String, Object> factor(String id, StoredTransaction.FactorRef ref, boolean reveal, boolean verifyLink) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("factorType", ref.factorType());
        f.put("provider", ref.provider());
        f.put("vendorName", ref.provider());
        f.put("profile", reveal ? ref.profile() : Map.of());
        if (verifyLink) {
            f.put("_links", Map.of("verify", link(null, verifyHref(id))));
        }
        return f;
    }

    private static Map<String, Object> policy(List<String> factorIds) {
        Map<String, Object> info = new LinkedHashMap<>();
        factorIds.forEach(id -> info.put(id, Map.of("autoPushEnabled", false)));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("allowRememberDevice", false);
        policy.put("rememberDeviceByDefault", false);
        policy.put("rememberDeviceLifetimeInMinutes", 0);
        policy.put("factorsPolicyInfo", info);
        return policy;
    }

    private static Map<String, Object> user(UserSnapshot user) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("login", text(user.username()));
        profile.put("firstName", text(user.firstName()));
        profile.put("lastName", text(user.lastName()));
        profile.put("locale", "en_US");
        profile.put("timeZone", "UTC");
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", user.userId());
        u.put("profile", profile);
        return u;
    }

    private String verifyHref(String factorId) {
        return base + "/api/v1/authn/factors/" + factorId + "/verify";
    }

    private static Map<String, Object> link(String name, String href) {
        Map<String, Object> link = new LinkedHashMap<>();
        if (name != null) {
            link.put("name", name);
        }
        link.put("href", href);
        link.put("hints", Map.of("allow", List.of("POST")));
        return link;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    static String iso(Instant instant) {
        return ISO.format(instant);
    }
}
