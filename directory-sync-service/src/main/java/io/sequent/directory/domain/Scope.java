package io.sequent.directory.domain;

import java.util.List;
import java.util.Objects;

/** Which DNs a directory imports: those under the base DN and, when OUs are named, under one of them. */
public record Scope(String baseDn, List<String> ous) {

    public Scope {
        Objects.requireNonNull(baseDn, "baseDn");
        ous = ous == null ? List.of() : List.copyOf(ous);
    }

    /** A scope with its DNs normalised once, for checking many entries. */
    public Matcher matcher() {
        return new Matcher(Dn.normalize(baseDn), ous.stream().map(Dn::normalize).toList());
    }

    public boolean contains(String dn) {
        return matcher().contains(dn);
    }

    public static final class Matcher {
        private final String base;
        private final List<String> ous;

        Matcher(String base, List<String> ous) {
            this.base = base;
            this.ous = ous;
        }

        public boolean contains(String dn) {
            String d = Dn.normalize(dn);
            if (!within(d, base)) {
                return false;
            }
            return ous.isEmpty() || ous.stream().anyMatch(ou -> within(d, ou));
        }

        private static boolean within(String normalizedDn, String normalizedAncestor) {
            return normalizedDn.equals(normalizedAncestor) || normalizedDn.endsWith("," + normalizedAncestor);
        }
    }
}
