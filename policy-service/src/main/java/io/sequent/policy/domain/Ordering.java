package io.sequent.policy.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Priorities are dense, 1 first: an item placed at a priority pushes the later ones down. */
public final class Ordering {

    private Ordering() {
    }

    /**
     * The order after placing {@code id} at {@code priority} (1-based; null or past the end: last),
     * removing it first from where it was.
     */
    public static List<String> place(List<String> ordered, String id, Integer priority) {
        List<String> result = new ArrayList<>(ordered);
        result.remove(id);
        int index = priority == null ? result.size() : Math.max(0, Math.min(priority - 1, result.size()));
        result.add(index, id);
        return result;
    }

    /** Why {@code requested} is not a reordering of exactly {@code current}; empty when it is. */
    public static Optional<String> checkPermutation(List<String> current, List<String> requested) {
        Set<String> seen = new HashSet<>();
        for (String id : requested) {
            if (!seen.add(id)) {
                return Optional.of("'" + id + "' is listed twice");
            }
            if (!current.contains(id)) {
                return Optional.of("'" + id + "' is not one of the items being ordered");
            }
        }
        List<String> missing = current.stream().filter(id -> !seen.contains(id)).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("the order must list every item; missing " + missing);
    }
}
