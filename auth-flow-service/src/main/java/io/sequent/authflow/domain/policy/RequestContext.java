package io.sequent.authflow.domain.policy;

/**
 * What the sign-in request says about itself.
 *
 * @param orgId        the org the client names ({@code context.orgId}); null to use the user's default
 * @param connectionId the enterprise connection the sign-in came through; null for the built-in
 *                     username flow (connection kind PASSWORD)
 * @param appId        the client application the request names; null when it names none
 * @param clientIp     the client's IPv4 or IPv6 address as text; null when unknown
 * @param warnBeforePasswordExpired Okta's {@code options.warnBeforePasswordExpired}
 */
public record RequestContext(String orgId, String connectionId, String appId, String clientIp,
                             boolean warnBeforePasswordExpired) {

    public RequestContext {
        orgId = blankToNull(orgId);
        connectionId = blankToNull(connectionId);
        appId = blankToNull(appId);
        clientIp = blankToNull(clientIp);
    }

    /** The built-in username flow, no org, no app. */
    public static RequestContext passwordFlow(String clientIp) {
        return new RequestContext(null, null, null, clientIp, false);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
