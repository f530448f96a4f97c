package io.sequent.factor.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The catalogue of security questions a user may pick from (Okta's question keys). */
public final class Questions {

    private static final Map<String, String> CATALOGUE;

    static {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("disliked_food", "What is the food you least liked as a child?");
        q.put("name_of_first_plush_toy", "What is the name of your first stuffed animal?");
        q.put("first_award", "What did you earn your first medal or award for?");
        q.put("favorite_security_question", "What is your favourite security question?");
        q.put("favorite_toy", "What is the toy/stuffed animal you liked the most as a kid?");
        q.put("first_computer_game", "What was the first computer game you played?");
        q.put("favorite_movie_quote", "What is your favourite movie quote?");
        q.put("first_sports_team_mascot", "What was the mascot of the first sports team you played on?");
        q.put("first_music_purchase", "What music album or song did you first purchase?");
        q.put("favorite_vacation_location", "What is your favourite holiday destination?");
        CATALOGUE = Map.copyOf(q);
    }

    private Questions() {
    }

    public static Map<String, String> catalogue() {
        return new java.util.TreeMap<>(CATALOGUE);
    }

    public static Optional<String> text(String key) {
        return Optional.ofNullable(key == null ? null : CATALOGUE.get(key));
    }
}
