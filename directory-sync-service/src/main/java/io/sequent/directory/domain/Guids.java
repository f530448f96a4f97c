package io.sequent.directory.domain;

import java.util.UUID;

/** AD's objectGUID is 16 bytes with the first three fields little-endian (Microsoft GUID layout). */
public final class Guids {

    private Guids() {
    }

    public static UUID fromAdBytes(byte[] b) {
        if (b == null || b.length != 16) {
            throw new IllegalArgumentException("an objectGUID has 16 bytes");
        }
        long msb = ((long) (b[3] & 0xff) << 56) | ((long) (b[2] & 0xff) << 48) | ((long) (b[1] & 0xff) << 40)
                | ((long) (b[0] & 0xff) << 32) | ((long) (b[5] & 0xff) << 24) | ((long) (b[4] & 0xff) << 16)
                | ((long) (b[7] & 0xff) << 8) | (b[6] & 0xff);
        long lsb = 0;
        for (int i = 8; i < 16; i++) {
            lsb = (lsb << 8) | (b[i] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    public static byte[] toAdBytes(UUID id) {
        byte[] b = new byte[16];
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        int[] order = {3, 2, 1, 0, 5, 4, 7, 6};
        for (int i = 0; i < 8; i++) {
            b[order[i]] = (byte) (msb >>> (56 - 8 * i));
        }
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        return b;
    }

    /** The LDAP filter value for these bytes ({@code \06\60...}), for {@code (objectGUID=...)}. */
    public static String filterValue(UUID id) {
        StringBuilder sb = new StringBuilder();
        for (byte x : toAdBytes(id)) {
            sb.append('\\').append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }
}
