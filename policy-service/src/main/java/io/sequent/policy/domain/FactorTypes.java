package io.sequent.policy.domain;

import java.util.List;

/** The catalogue of factor types an admin can activate (seed 000: "Factor Types"), in display order. */
public final class FactorTypes {

    public static final String PASSWORD = "password";

    public static final List<String> CATALOGUE = List.of(PASSWORD, "token:software:totp", "push", "sms", "call",
            "email", "question", "webauthn");

    /** The longest chain a FACTOR_SEQUENCE rule may hold. */
    public static final int MAX_CHAIN_LENGTH = 5;

    private FactorTypes() {
    }

    public static boolean isKnown(String type) {
        return CATALOGUE.contains(type);
    }

    /** Catalogue position, for a stable order of type lists. */
    public static int position(String type) {
        int i = CATALOGUE.indexOf(type);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
