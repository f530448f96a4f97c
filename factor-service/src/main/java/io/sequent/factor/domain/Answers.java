package io.sequent.factor.domain;

import java.text.Normalizer;
import java.util.Locale;

/** Security-question answers are compared after normalisation: Unicode NFKC, lower case, single spaces, trimmed. */
public final class Answers {

    private Answers() {
    }

    public static String normalise(String answer) {
        String nfkc = Normalizer.normalize(answer == null ? "" : answer, Normalizer.Form.NFKC);
        return nfkc.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }
}
