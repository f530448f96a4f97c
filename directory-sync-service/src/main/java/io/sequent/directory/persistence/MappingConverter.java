package io.sequent.directory.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sequent.directory.domain.UserMapping;
import io.sequent.events.EventCodec;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A directory's mapping, stored as JSON text. */
@Converter
public class MappingConverter implements AttributeConverter<UserMapping, String> {

    @Override
    public String convertToDatabaseColumn(UserMapping mapping) {
        try {
            return EventCodec.mapper().writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public UserMapping convertToEntityAttribute(String json) {
        try {
            return EventCodec.mapper().readValue(json, UserMapping.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored mapping is not valid JSON", e);
        }
    }
}
