package io.bertstream.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topics;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.serde.AvroDecodingException;
import io.bertstream.schemas.serde.SerdeConfig;
import io.bertstream.schemas.serde.SpecificAvroDeserializer;
import io.bertstream.schemas.serde.SpecificAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Avro serde between a real producer and consumer on the embedded broker and registry. */
class AvroSerdeIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @Test
  void shouldRoundTripDocumentsThroughTheBrokerWithTheTypedTopic() throws Exception {
    KafkaConnection connection = STACK.connection("serde-docs", 3);
    Topics topics = Topics.create(connection);
    List<RawDocument> docs =
        IntStream.range(0, 20)
            .mapToObj(
                i ->
                    RawDocument.newBuilder()
                        .setId("doc-" + i)
                        .setText("Text number " + i)
                        .setSource("test")
                        .setAttributes(Map.of("n", Integer.toString(i)))
                        .setIngestedAt(Instant.ofEpochMilli(1_000L * i))
                        .build())
            .toList();

    String topic = topics.docs().name();
    try (KafkaProducer<String, RawDocument> producer =
        producer(topics.docs().keySerde().serializer(), topics.docs().valueSerde().serializer())) {
      for (RawDocument doc : docs) {
        producer.send(new ProducerRecord<>(topic, doc.getId(), doc)).get();
      }
    }

    List<RawDocument> read =
        values(consume(topic, 3, topics.docs().valueSerde().deserializer(), docs.size()));
    assertThat(read).containsExactlyInAnyOrderElementsOf(docs);
    assertThat(registry().subjects()).contains("serde-docs.docs-value");
  }

  @Test
  void shouldFillTheDefaultWhenANewReaderReadsOldData() throws Exception {
    String topic = createTopic("evolve-old-data");
    produce(topic, new io.bertstream.schemas.testing.v1.Greeting("g1", "hello"));

    var read =
        values(
            consume(
                topic,
                1,
                new SpecificAvroDeserializer<>(
                    io.bertstream.schemas.testing.v2.Greeting.class, registry()),
                1));

    assertThat(read)
        .containsExactly(new io.bertstream.schemas.testing.v2.Greeting("g1", "hello", "en"));
  }

  @Test
  void shouldIgnoreTheNewFieldWhenAnOldReaderReadsNewData() throws Exception {
    String topic = createTopic("evolve-new-data");
    produce(topic, new io.bertstream.schemas.testing.v2.Greeting("g2", "bonjour", "fr"));

    var read =
        values(
            consume(
                topic,
                1,
                new SpecificAvroDeserializer<>(
                    io.bertstream.schemas.testing.v1.Greeting.class, registry()),
                1));

    assertThat(read)
        .containsExactly(new io.bertstream.schemas.testing.v1.Greeting("g2", "bonjour"));
  }

  @Test
  void shouldSurfaceACorruptRecordWithItsPartitionAndOffsetSoTheConsumerCanSkipIt()
      throws Exception {
    String topic = createTopic("corrupt");
    var serializer =
        new SpecificAvroSerializer<io.bertstream.schemas.testing.v1.Greeting>(
            registry(), SerdeConfig.DEFAULTS, false);
    byte[] good =
        serializer.serialize(topic, new io.bertstream.schemas.testing.v1.Greeting("a", "ok"));
    byte[] after =
        serializer.serialize(topic, new io.bertstream.schemas.testing.v1.Greeting("c", "after"));
    byte[] corrupt = {1, 0, 0, 0, 1, 2, 'x'}; // magic byte 1: not the Confluent format
    try (KafkaProducer<String, byte[]> producer =
        producer(new StringSerializer(), new ByteArraySerializer())) {
      for (byte[] value : List.of(good, corrupt, after)) {
        producer.send(new ProducerRecord<>(topic, 0, "k", value)).get();
      }
    }

    List<String> texts = new ArrayList<>();
    RecordDeserializationException failure = null;
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, io.bertstream.schemas.testing.v1.Greeting> consumer =
        consumer(
            new SpecificAvroDeserializer<>(
                io.bertstream.schemas.testing.v1.Greeting.class, registry()))) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      Instant deadline = Instant.now().plus(DEADLINE);
      while (texts.size() < 2 && Instant.now().isBefore(deadline)) {
        try {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> texts.add(r.value().getText()));
        } catch (RecordDeserializationException e) {
          failure = e;
          // What a dead-letter handler does: record it, then step over it.
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    }

    assertThat(texts).containsExactly("ok", "after");
    if (failure == null) {
      fail("the corrupt record raised nothing");
    }
    assertThat(failure.topicPartition()).isEqualTo(partition);
    assertThat(failure.offset()).isEqualTo(1);
    assertThat(failure.origin())
        .isEqualTo(RecordDeserializationException.DeserializationExceptionOrigin.VALUE);
    assertThat(failure.getCause())
        .isInstanceOf(AvroDecodingException.class)
        .hasMessageContaining("'" + topic + "'")
        .hasMessageContaining("magic byte 1");
  }

  private static SchemaRegistryClient registry() {
    return SchemaRegistryClient.create(Map.of("schema.registry.url", STACK.schemaRegistryUrl()));
  }

  private static String createTopic(String name) throws Exception {
    STACK.admin().createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
    return name;
  }

  private static <T extends SpecificRecord> void produce(String topic, T value) throws Exception {
    try (KafkaProducer<String, T> producer =
        producer(
            new StringSerializer(),
            new SpecificAvroSerializer<T>(registry(), SerdeConfig.DEFAULTS, false))) {
      producer.send(new ProducerRecord<>(topic, "k", value)).get();
    }
  }

  private static <V> KafkaProducer<String, V> producer(
      Serializer<String> keys, Serializer<V> values) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            STACK.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        keys,
        values);
  }

  private static <V> KafkaConsumer<String, V> consumer(Deserializer<V> values) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            STACK.bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        values);
  }

  /** Everything in {@code topic} from the start, until {@code count} records or the deadline. */
  private static <V> List<ConsumerRecord<String, V>> consume(
      String topic, int partitions, Deserializer<V> values, int count) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = consumer(values)) {
      List<TopicPartition> assigned =
          IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Instant deadline = Instant.now().plus(DEADLINE);
      while (records.size() < count && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }
}
