package io.sequent.authflow.service;

import java.util.ArrayList;
import java.util.List;

/** RFC 8176 authentication method references for the verified factor types. */
final class Amr {

    private Amr() {
    }

    static List<String> of(List<String> verifiedTypes) {
        List<String> amr = new ArrayList<>();
        for (String type : verifiedTypes) {
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
            if (value != null && !amr.contains(value)) {
                amr.add(value);
            }
        }
        if (verifiedTypes.stream().filter(t -> !t.startsWith("federated:")).count() >= 2) {
            amr.add("mfa");
        }
        return amr;
    }
}
