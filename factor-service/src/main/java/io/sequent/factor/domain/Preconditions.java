package io.sequent.factor.domain;

/**
 * Optimistic concurrency on factor writes: an {@code If-Match} header against the version a factor's
 * ETag carries (as policy-service and directory-sync do it).
 */
public final class Preconditions {

    private Preconditions() {
    }

    /** True when there is no {@code If-Match}, it is {@code *}, or one of its tags (strong or weak) is the version. */
    public static boolean ifMatch(String header, long version) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return true;
        }
        String expected = Long.toString(version);
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(expected)) {
                return true;
            }
        }
        return false;
    }
}
