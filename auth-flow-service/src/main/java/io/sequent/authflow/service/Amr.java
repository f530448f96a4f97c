package io.sequent.authflow.service;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8176 authentication method references for the verified factor types. A federated primary
 * authentication (S5) is {@code fed}, the value Microsoft Entra ID and others use for "an identity
 * provider authenticated the user" (RFC 8176 has none); through an IWA connection also {@code wia}
 * (RFC 8176: Windows integrated authentication). {@code mfa} follows S9: two distinct verified types,
 * the federated one included, so an IdP sign-in plus an org MFA factor is {@code [fed, sms, mfa]}.
 */
final class Amr {

    private Amr() {
    }

    static List<String> of(List<String> verifiedTypes) {
        List<String> amr = new ArrayList<>();
        for (String type : verifiedTypes) {
            if (type.startsWith("federated:")) {
                add(amr, "fed");
                if (type.equals("federated:iwa")) {
                    add(amr, "wia");
                }
                continue;
            }
            String value = switch (type) {
                case "password" -> "pwd";
                case "sms" -> "sms";
                case "call" -> "tel";
                case "email", "token:software:totp", "token:hotp", "token" -> "otp";
                case "push" -> "swk";
                case "webauthn", "u2f", "token:hardware" -> "hwk";
                case "question" -> "kba";
                default -> null;
            };
            if (value != null) {
                add(amr, value);
            }
        }
        if (verifiedTypes.stream().distinct().count() >= 2) {
            amr.add("mfa");
        }
        return amr;
    }

    private static void add(List<String> amr, String value) {
        if (!amr.contains(value)) {
            amr.add(value);
        }
    }
}
