package io.sequent.policy.service;

import io.sequent.policy.api.ProblemException;
import io.sequent.policy.domain.Ordering;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Applies an order to ordered entities: priority = position (1 first); a moved entity's version grows. */
final class Priorities {

    /** Reads and writes an entity's id, priority and version. */
    interface Access<E> {
        String id(E e);

        int priority(E e);

        void set(E e, int priority);
    }

    private Priorities() {
    }

    static <E> void apply(List<E> items, List<String> order, Access<E> access) {
        Map<String, E> byId = items.stream().collect(Collectors.toMap(access::id, Function.identity()));
        for (int i = 0; i < order.size(); i++) {
            E item = byId.get(order.get(i));
            if (item != null && access.priority(item) != i + 1) {
                access.set(item, i + 1);
            }
        }
    }

    /** A full reorder request checked against the current items. */
    static <E> void checkPermutation(List<E> items, List<String> requested, Access<E> access) {
        List<String> current = items.stream().map(access::id).toList();
        Ordering.checkPermutation(current, requested).ifPresent(problem -> {
            throw ProblemException.invalid("/ids", problem);
        });
    }

    static <E> List<String> currentOrder(List<E> items, Access<E> access) {
        return items.stream().sorted(java.util.Comparator.comparingInt(access::priority)).map(access::id).toList();
    }
}
