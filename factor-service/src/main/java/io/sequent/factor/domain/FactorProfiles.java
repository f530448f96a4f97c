package io.sequent.factor.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A factor's Okta {@code profile}: what the API shows of an enrollment and what the {@code factor.*} events carry in
 * the user's factor set. One rule for both, so a consumer's copy of the set matches what the internal list answers.
 * Never a secret: {@code display} is already masked when stored.
 */
public final class FactorProfiles {

    private FactorProfiles() {
    }

    /**
     * @param display              the stored display value (masked phone number or address, device or authenticator name)
     * @param question             for {@code question}: the question key
     * @param webauthnCredentialId for {@code webauthn}: the credential id, once registered; else null
     */
    public static Map<String, String> of(FactorType type, String display, String question, byte[] webauthnCredentialId) {
        Map<String, String> profile = new LinkedHashMap<>();
        switch (type) {
            case SMS, CALL -> profile.put("phoneNumber", display);
            case EMAIL -> profile.put("email", display);
            case WEBAUTHN -> {
                if (webauthnCredentialId != null) {
                    profile.put("credentialId", WebAuthnRelyingParty.encode(webauthnCredentialId));
                }
                profile.put("authenticatorName", display);
            }
            case QUESTION -> {
                profile.put("question", question);
                profile.put("questionText", Questions.text(question).orElse(null));
            }
            default -> {
            }
        }
        return profile;
    }
}
