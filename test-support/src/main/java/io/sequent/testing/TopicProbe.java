package io.sequent.testing;

import io.sequent.events.CloudEvent;
import io.sequent.events.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.sequent.events.EventType;
import java.util.concurrent.TimeUnit;

/**
 * Reads events back from a real topic. Opened before the action under test, it starts at the end of
 * every partition, so it sees only what happens afterwards.
 */
public final class TopicProbe implements AutoCloseable {

    public static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers",
            System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicProbe(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Sends an event to its type's topic, keyed by its subject, and waits for the broker's acknowledgement. */
    public static void publish(CloudEvent<?> event) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<String, String>(props, new StringSerializer(), new StringSerializer())) {
            String topic = EventType.fromTypeName(event.type()).orElseThrow().topic();
            producer.send(new ProducerRecord<>(topic, event.subject(), EventCodec.encode(event))).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot publish " + event.type(), e);
        }
    }

    /** Waits for the first event whose record matches, failing after {@code timeout}. */
    public CloudEvent<?> await(Duration timeout, Predicate<ConsumerRecord<String, String>> match) {
        return awaitRecord(timeout, match).map(r -> EventCodec.decode(r.value()).orElseThrow())
                .orElseThrow(() -> new AssertionError("no matching event within " + timeout + "; saw " + seen.size()
                        + " other records"));
    }

    /** Waits for the first event of {@code type} about {@code subject}. */
    public CloudEvent<?> await(Duration timeout, String subject, String type) {
        return await(timeout, r -> subject.equals(r.key()) && r.value().contains("\"type\":\"" + type + "\""));
    }

    public Optional<ConsumerRecord<String, String>> awaitRecord(Duration timeout, Predicate<ConsumerRecord<String, String>> match) {
        Instant deadline = Instant.now().plus(timeout);
        int checked = 0;
        while (true) {
            // every record polled is kept, so a later await still finds what arrived in the same batch
            for (; checked < seen.size(); checked++) {
                if (match.test(seen.get(checked))) {
                    return Optional.of(seen.get(checked));
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                return Optional.empty();
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** Everything read so far, plus whatever arrives within {@code quiet}. */
    public List<ConsumerRecord<String, String>> drain(Duration quiet) {
        Instant deadline = Instant.now().plus(quiet);
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
