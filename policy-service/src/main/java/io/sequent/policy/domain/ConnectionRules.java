package io.sequent.policy.domain;

import io.sequent.events.policy.PolicySnapshot.ConnectionKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * An enterprise connection of a kind that signs users in with a JWT assertion (IDP, OIDC, and IWA,
 * whose agent on the Windows side does the Kerberos exchange and signs the assertion) needs the
 * issuer, JWKS URL and audience auth-flow checks the assertion against; SAML's are optional until its
 * assertion handling exists.
 */
public final class ConnectionRules {

    private ConnectionRules() {
    }

    public static boolean takesJwtAssertion(ConnectionKind kind) {
        return kind == ConnectionKind.IDP || kind == ConnectionKind.OIDC || kind == ConnectionKind.IWA;
    }

    public static List<Violation> check(ConnectionKind kind, String issuer, String jwksUrl, String audience) {
        List<Violation> violations = new ArrayList<>();
        if (takesJwtAssertion(kind)) {
            if (blank(issuer)) {
                violations.add(new Violation("/issuer", "a " + kind + " connection needs the issuer of its assertions"));
            }
            if (blank(jwksUrl)) {
                violations.add(new Violation("/jwksUrl", "a " + kind + " connection needs the JWKS URL that signs its assertions"));
            }
            if (blank(audience)) {
                violations.add(new Violation("/audience", "a " + kind + " connection needs the audience its assertions carry"));
            }
        }
        if (!blank(jwksUrl) && !isHttpUrl(jwksUrl)) {
            violations.add(new Violation("/jwksUrl", "must be an absolute http or https URL"));
        }
        return violations;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
