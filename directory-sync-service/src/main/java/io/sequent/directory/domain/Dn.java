package io.sequent.directory.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Just enough distinguished-name handling for scope and org decisions; comparisons ignore case. */
public final class Dn {

    private Dn() {
    }

    /** The RDNs of {@code dn}, leaf first, each trimmed ({@code "OU=acme"}); escaped commas stay inside. */
    public static List<String> rdns(String dn) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                current.append(c).append(dn.charAt(++i));
            } else if (c == ',') {
                out.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    /** A comparable form: RDNs trimmed, lower case, joined by commas. */
    public static String normalize(String dn) {
        return String.join(",", rdns(dn)).toLowerCase(Locale.ROOT).replaceAll("\\s*=\\s*", "=");
    }

    /** Whether {@code dn} is {@code ancestor} or below it. */
    public static boolean isWithin(String dn, String ancestor) {
        String d = normalize(dn);
        String a = normalize(ancestor);
        return d.equals(a) || d.endsWith("," + a);
    }

    /** The value of the first RDN ({@code "acme-Staff"} for {@code "CN=acme-Staff,OU=acme,..."}). */
    public static String leafValue(String dn) {
        List<String> rdns = rdns(dn);
        if (rdns.isEmpty()) {
            return "";
        }
        String leaf = rdns.get(0);
        int eq = leaf.indexOf('=');
        return (eq < 0 ? leaf : leaf.substring(eq + 1)).trim();
    }

    /**
     * The value of the OU right below {@code baseDn} on the path to {@code dn} ({@code "acme"} for
     * {@code "CN=x,OU=team,OU=acme,DC=corp,..."} under {@code "DC=corp,..."}); null when there is none.
     */
    public static String topOu(String dn, String baseDn) {
        if (!isWithin(dn, baseDn)) {
            return null;
        }
        List<String> rdns = rdns(dn);
        int below = rdns.size() - rdns(baseDn).size() - 1;
        if (below < 0) {
            return null;
        }
        String rdn = rdns.get(below);
        return rdn.regionMatches(true, 0, "OU=", 0, 3) ? rdn.substring(3).trim() : null;
    }
}
