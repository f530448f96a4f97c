package io.sequent.directory.service;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The external ids an import saw, for its reconcile sweep: the one thing a full import keeps for every user. Ids are
 * UUIDs ({@code objectGUID}, {@code entryUUID}), so they are kept as two longs in an open-addressing table at most half
 * full (4.5 MB for 100,000 users, where the ids as strings in a concurrent set took about 12 MB); an id that is not a
 * UUID in canonical form is kept as a string. Safe for the import's concurrent readers.
 */
final class SeenIds {

    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;
    private final Set<String> others = new HashSet<>();

    /** Adds an id; false when it was already there. */
    synchronized boolean add(String id) {
        UUID uuid = canonical(id);
        if (uuid == null) {
            return others.add(id);
        }
        if ((size + 1) * 2 > used.length) {
            grow();
        }
        return insert(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    synchronized boolean contains(String id) {
        UUID uuid = canonical(id);
        if (uuid == null) {
            return others.contains(id);
        }
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = slot(hi, lo, used.length); used[i]; i = (i + 1) & (used.length - 1)) {
            if (high[i] == hi && low[i] == lo) {
                return true;
            }
        }
        return false;
    }

    synchronized int size() {
        return size + others.size();
    }

    private boolean insert(long hi, long lo) {
        int i = slot(hi, lo, used.length);
        for (; used[i]; i = (i + 1) & (used.length - 1)) {
            if (high[i] == hi && low[i] == lo) {
                return false;
            }
        }
        used[i] = true;
        high[i] = hi;
        low[i] = lo;
        size++;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        boolean[] oldUsed = used;
        high = new long[oldUsed.length * 2];
        low = new long[oldUsed.length * 2];
        used = new boolean[oldUsed.length * 2];
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }

    private static int slot(long hi, long lo, int capacity) {
        long h = (hi ^ lo) * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & (capacity - 1);
    }

    /** The id as a UUID when it is one in canonical (lower-case, 36-character) form, else null. */
    private static UUID canonical(String id) {
        if (id == null || id.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
