package io.sequent.factor.domain;

/** How phone numbers and addresses appear in every response: enough to recognise, not to use. */
public final class Masking {

    private Masking() {
    }

    /** {@code +15551234567} becomes {@code +1 XXX-XXX-4567}-like {@code +XXXXXXXX4567}: the last four digits only. */
    public static String phone(String e164) {
        if (e164 == null || e164.length() < 5) {
            return "XXXX";
        }
        return "+" + "X".repeat(e164.length() - 5) + e164.substring(e164.length() - 4);
    }

    /** {@code dana.smith@acme.example} becomes {@code d...h@acme.example}. */
    public static String email(String address) {
        if (address == null) {
            return "...";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "...";
        }
        String local = address.substring(0, at);
        String head = local.substring(0, 1);
        String tail = local.length() > 2 ? local.substring(local.length() - 1) : "";
        return head + "..." + tail + address.substring(at);
    }
}
