package io.sequent.directory.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.sequent.events.EventCodec;
import io.sequent.events.OrgMembership;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Lists stored as JSON text, read and written whole with their user. */
public final class JsonListConverters {

    private JsonListConverters() {
    }

    public abstract static class JsonList<T> implements AttributeConverter<List<T>, String> {
        private final TypeReference<List<T>> type;

        JsonList(TypeReference<List<T>> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(List<T> value) {
            try {
                return EventCodec.mapper().writeValueAsString(value == null ? List.of() : value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public List<T> convertToEntityAttribute(String json) {
            try {
                return json == null ? List.of() : List.copyOf(EventCodec.mapper().readValue(json, type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored list is not JSON", e);
            }
        }
    }

    @Converter
    public static final class Memberships extends JsonList<OrgMembership> {
        public Memberships() {
            super(new TypeReference<>() { });
        }
    }

    @Converter
    public static final class Strings extends JsonList<String> {
        public Strings() {
            super(new TypeReference<>() { });
        }
    }
}
