package io.sequent.policy.domain;

import java.util.regex.Pattern;

/** Checks client IP ranges in CIDR notation (IPv4 {@code 10.0.0.0/8}, IPv6 {@code 2001:db8::/32}) without DNS. */
public final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private Cidr() {
    }

    public static boolean isValid(String cidr) {
        if (cidr == null) {
            return false;
        }
        int slash = cidr.indexOf('/');
        if (slash < 0 || slash != cidr.lastIndexOf('/')) {
            return false;
        }
        String address = cidr.substring(0, slash);
        String bits = cidr.substring(slash + 1);
        if (!bits.matches("\\d{1,3}")) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (IPV4.matcher(address).matches()) {
            return prefix <= 32;
        }
        return isIpv6(address) && prefix <= 128;
    }

    private static boolean isIpv6(String address) {
        if (!address.contains(":") || address.contains(":::")) {
            return false;
        }
        int compressions = address.split("::", -1).length - 1;
        if (compressions > 1) {
            return false;
        }
        String[] groups = address.replace("::", ":x:").split(":");
        int count = 0;
        for (String group : groups) {
            if (group.isEmpty() || group.equals("x")) {
                continue;
            }
            if (!IPV6_GROUP.matcher(group).matches()) {
                return false;
            }
            count++;
        }
        return compressions == 1 ? count < 8 : count == 8;
    }
}
