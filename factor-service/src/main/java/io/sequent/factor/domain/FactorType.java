package io.sequent.factor.domain;

import java.util.Arrays;
import java.util.Optional;

/** The factor types, with their Okta wire names and the provider each is enrolled with. */
public enum FactorType {
    PASSWORD("password", "SEQUENT"),
    TOTP("token:software:totp", "GOOGLE"),
    SMS("sms", "SEQUENT"),
    CALL("call", "SEQUENT"),
    EMAIL("email", "SEQUENT"),
    QUESTION("question", "SEQUENT"),
    PUSH("push", "SEQUENT"),
    WEBAUTHN("webauthn", "FIDO");

    private final String wireName;
    private final String provider;

    FactorType(String wireName, String provider) {
        this.wireName = wireName;
        this.provider = provider;
    }

    public String wireName() {
        return wireName;
    }

    public String provider() {
        return provider;
    }

    /** Whether a one-time code is sent to a destination (phone number or address). */
    public boolean sendsCode() {
        return this == SMS || this == CALL || this == EMAIL;
    }

    public static Optional<FactorType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
