package io.sequent.factor.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Number matching for push: the sign-in screen shows a two-digit number; the device offers three
 * numbers and the user must pick the one shown, so a push approved without looking fails.
 */
public final class NumberMatching {

    private NumberMatching() {
    }

    /** The correct number (10 to 99) and three shuffled choices that contain it. */
    public record Numbers(int correct, List<Integer> choices) {
        public Numbers {
            if (correct < 10 || correct > 99) {
                throw new IllegalArgumentException("the number must have two digits");
            }
            choices = List.copyOf(choices);
            if (!choices.contains(correct) || Set.copyOf(choices).size() != choices.size()) {
                throw new IllegalArgumentException("choices must be distinct and contain the number");
            }
        }
    }

    public static Numbers draw(Random random) {
        Set<Integer> picked = new LinkedHashSet<>();
        int correct = 10 + random.nextInt(90);
        picked.add(correct);
        while (picked.size() < 3) {
            picked.add(10 + random.nextInt(90));
        }
        List<Integer> choices = new ArrayList<>(picked);
        Collections.shuffle(choices, random);
        return new Numbers(correct, choices);
    }
}
