package io.sequent.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured mode: the whole event, attributes and data, is the Kafka
 * record value ({@code content-type: application/cloudevents+json}); the record key is the subject.
 *
 * <p>{@code subjectversion} is a Sequent extension attribute: the version of the subject after the
 * change, so a consumer can drop an event older than what it already holds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        Long subjectversion,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(time, "time");
        specversion = specversion == null ? SPEC_VERSION : specversion;
        datacontenttype = datacontenttype == null ? "application/json" : datacontenttype;
    }

    /** A new event with a random id. */
    public static <T> CloudEvent<T> of(EventType type, String source, String subject, Long subjectVersion,
                                       Instant time, T data) {
        if (data != null && !type.dataType().isInstance(data)) {
            throw new IllegalArgumentException(type.typeName() + " carries " + type.dataType().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type.typeName(), subject,
                time, "application/json", subjectVersion, data);
    }
}
