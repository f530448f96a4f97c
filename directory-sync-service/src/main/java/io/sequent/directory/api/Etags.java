package io.sequent.directory.api;

/** Reads an {@code If-Match} header holding one of our version ETags ({@code "3"} or {@code W/"3"}). */
final class Etags {

    private Etags() {
    }

    /** The version, null when there is no header or it is {@code *}; 412 when it names no version of ours. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "Precondition Failed", "If-Match must be an ETag this API returned");
        }
    }
}
