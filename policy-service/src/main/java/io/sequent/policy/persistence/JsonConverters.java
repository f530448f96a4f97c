package io.sequent.policy.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.sequent.events.EventCodec;
import io.sequent.events.policy.PolicySnapshot.Enrollment;
import io.sequent.events.policy.PolicySnapshot.RuleActions;
import io.sequent.events.policy.PolicySnapshot.RuleConditions;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;
import java.util.Map;

/** Nested values stored as JSON text, read and written whole with their row, in the events' own JSON form. */
public final class JsonConverters {

    private JsonConverters() {
    }

    abstract static class Json<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;
        private final T whenNull;

        Json(TypeReference<T> type, T whenNull) {
            this.type = type;
            this.whenNull = whenNull;
        }

        @Override
        public String convertToDatabaseColumn(T value) {
            if (value == null && whenNull == null) {
                return null;
            }
            try {
                return EventCodec.mapper().writeValueAsString(value == null ? whenNull : value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public T convertToEntityAttribute(String json) {
            if (json == null) {
                return whenNull;
            }
            try {
                return EventCodec.mapper().readValue(json, type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored value is not the expected JSON", e);
            }
        }
    }

    /** A list of strings, never null: null is stored as {@code []}. */
    @Converter
    public static final class Strings extends Json<List<String>> {
        public Strings() {
            super(new TypeReference<>() { }, List.of());
        }
    }

    /** A list of strings where null means "not set" (an org's MFA methods: the environment's). */
    @Converter
    public static final class OptionalStrings extends Json<List<String>> {
        public OptionalStrings() {
            super(new TypeReference<>() { }, null);
        }
    }

    @Converter
    public static final class EnrollmentFactors extends Json<Map<String, Enrollment>> {
        public EnrollmentFactors() {
            super(new TypeReference<>() { }, Map.of());
        }
    }

    @Converter
    public static final class Conditions extends Json<RuleConditions> {
        public Conditions() {
            super(new TypeReference<>() { }, RuleConditions.ANY);
        }
    }

    @Converter
    public static final class Actions extends Json<RuleActions> {
        public Actions() {
            super(new TypeReference<>() { }, null);
        }
    }
}
