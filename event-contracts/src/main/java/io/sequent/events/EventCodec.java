package io.sequent.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/**
 * JSON for events: ISO-8601 times, unknown fields ignored (a producer may add fields within a
 * version), and the data typed by the CloudEvents {@code type}.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventCodec() {
    }

    /** The mapper events are written with, for callers that embed event data in their own JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event " + event.type() + " cannot be written as JSON", e);
        }
    }

    /**
     * Reads an event. Empty when the type is one this build does not know (another version, or a
     * type added later): a consumer skips it rather than failing.
     *
     * @throws MalformedEventException when the JSON is not a CloudEvent or its data does not fit its type
     */
    public static Optional<CloudEvent<?>> decode(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new MalformedEventException("not a JSON object", null);
        }
        Optional<EventType> type = EventType.fromTypeName(tree.path("type").asText(null));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        JavaType javaType = MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, type.get().dataType());
        try {
            return Optional.of(MAPPER.treeToValue(tree, javaType));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedEventException("not a valid " + type.get().typeName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads an event that must be of the given type. */
    @SuppressWarnings("unchecked")
    public static <T> CloudEvent<T> decode(String json, Class<T> dataType) {
        CloudEvent<?> event = decode(json).orElseThrow(() -> new MalformedEventException("unknown event type", null));
        if (event.data() != null && !dataType.isInstance(event.data())) {
            throw new MalformedEventException(event.type() + " does not carry " + dataType.getSimpleName(), null);
        }
        return (CloudEvent<T>) event;
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
