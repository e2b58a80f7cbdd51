package io.bertstream.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Topic;
import io.bertstream.runtime.Topics;
import io.bertstream.trainer.TestExamples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EvalSampleReaderTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final String TOKENIZER = "eval-test-tokenizer";
  private static final ExampleValidator VALIDATOR = new ExampleValidator(TOKENIZER, 64, 64);
  private static final BatchBuilder BUILDER = new BatchBuilder(0);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static PretrainingExample example(int index) {
    return TestExamples.example(TOKENIZER, 7, index);
  }

  /** An example is known by its tokens: batches carry token rows, not ids. */
  private static List<Integer> id(int index) {
    return example(index).getInputIds();
  }

  /**
   * Partition 0: examples 0, 2, 4, 6; partition 1: example 1, a malformed example, a record that is
   * not Avro, example 5.
   */
  private static KafkaConnection evalTopic(String prefix) throws Exception {
    KafkaConnection connection = STACK.connection(prefix, 2);
    Topic<String, PretrainingExample> eval = Topics.create(connection).examplesEval();
    java.util.Map<String, Object> config = connection.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, PretrainingExample> producer =
            new KafkaProducer<>(
                config, eval.keySerde().serializer(), eval.valueSerde().serializer());
        KafkaProducer<String, byte[]> raw =
            new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i : new int[] {0, 2, 4, 6}) {
        producer.send(new ProducerRecord<>(eval.name(), 0, "k", example(i))).get();
      }
      producer.send(new ProducerRecord<>(eval.name(), 1, "k", example(1))).get();
      PretrainingExample empty =
          PretrainingExample.newBuilder(example(3)).setInputIds(List.of()).build();
      producer.send(new ProducerRecord<>(eval.name(), 1, "k", empty)).get();
      raw.send(
              new ProducerRecord<>(
                  eval.name(), 1, "k", "not avro".getBytes(StandardCharsets.UTF_8)))
          .get();
      producer.send(new ProducerRecord<>(eval.name(), 1, "k", example(5))).get();
    }
    return connection;
  }

  private static EvalSampleReader reader(KafkaConnection connection) {
    return new EvalSampleReader(
        connection, Topics.create(connection).examplesEval(), VALIDATOR, TIMEOUT);
  }

  private static List<List<List<Integer>>> read(
      KafkaConnection connection, int limit, int batchSize) {
    return batches(reader(connection).first(limit, Map.of()), batchSize);
  }

  private static List<List<List<Integer>>> batches(EvalSample sample, int batchSize) {
    return sample.batches(batchSize, BUILDER).stream().map(EvalSampleReaderTest::rows).toList();
  }

  /** Each row's real tokens, padding cut by the attention mask. */
  private static List<List<Integer>> rows(Batch batch) {
    List<List<Integer>> rows = new ArrayList<>();
    for (int row = 0; row < batch.size(); row++) {
      List<Integer> tokens = new ArrayList<>();
      for (int t = 0; t < batch.sequenceLength(); t++) {
        int at = row * batch.sequenceLength() + t;
        if (batch.attentionMask()[at] == 1) {
          tokens.add(batch.inputIds()[at]);
        }
      }
      rows.add(tokens);
    }
    return rows;
  }

  @Test
  void shouldTakeTheValidExamplesRoundRobinAsTrainingDoesAndPadTheLastBatch() throws Exception {
    KafkaConnection connection = evalTopic("eval-order");

    assertThat(read(connection, 5, 2))
        .containsExactly(List.of(id(0), id(1)), List.of(id(2), id(5)), List.of(id(4)));
  }

  @Test
  void shouldCutTheRoundRobinOrderAtTheLimit() throws Exception {
    KafkaConnection connection = evalTopic("eval-limit");

    assertThat(read(connection, 3, 4)).containsExactly(List.of(id(0), id(1), id(2)));
    assertThat(read(connection, 20, 20))
        .containsExactly(List.of(id(0), id(1), id(2), id(5), id(4), id(6)));
  }

  @Test
  void shouldGiveNoSampleWhenTheEvalTopicDoesNotExist() {
    KafkaConnection connection = STACK.connection("eval-none", 1).withTopicPrefix("eval-absent");

    assertThat(read(connection, 5, 2)).isEmpty();
  }

  @Test
  void shouldRecordTheOffsetRangesOfTheSampleAndReadTheSameExamplesFromThemLater()
      throws Exception {
    KafkaConnection connection = evalTopic("eval-ranges");
    EvalSample sample = reader(connection).first(3, Map.of());

    assertThat(sample.ranges())
        .isEqualTo(new TreeMap<>(Map.of(0, new OffsetRange(0, 1), 1, new OffsetRange(0, 0))));
    produceMore(connection);
    assertThat(batches(reader(connection).within(sample.ranges()), 4))
        .isEqualTo(batches(sample, 4))
        .containsExactly(List.of(id(0), id(1), id(2)));
  }

  @Test
  void shouldGrowASampleWithTheFirstExamplesAfterItsRanges() throws Exception {
    KafkaConnection connection = evalTopic("eval-grow");
    EvalSample sample = reader(connection).first(3, Map.of());
    Map<Integer, Long> after = Map.of(0, 2L, 1, 1L);

    EvalSample grown = sample.plus(reader(connection).first(2, after));

    assertThat(batches(grown, 10)).containsExactly(List.of(id(0), id(1), id(2), id(4), id(5)));
    assertThat(grown.ranges())
        .isEqualTo(new TreeMap<>(Map.of(0, new OffsetRange(0, 2), 1, new OffsetRange(0, 3))));
  }

  @Test
  void shouldTakeTheNewestValidExamplesOfEveryPartition() throws Exception {
    KafkaConnection connection = evalTopic("eval-newest");

    // The last 2 valid examples of each partition: 4 and 6; 1 and 5 (skipping two bad records).
    assertThat(batches(reader(connection).newest(2), 10))
        .containsExactly(List.of(id(4), id(1), id(6), id(5)));
    produceMore(connection);
    assertThat(batches(reader(connection).newest(1), 10)).containsExactly(List.of(id(8), id(9)));
  }

  /** Examples 8 (partition 0) and 9 (partition 1) after the others. */
  private static void produceMore(KafkaConnection connection) throws Exception {
    Topic<String, PretrainingExample> eval = Topics.create(connection).examplesEval();
    Map<String, Object> config = connection.clientConfig();
    try (KafkaProducer<String, PretrainingExample> producer =
        new KafkaProducer<>(config, eval.keySerde().serializer(), eval.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(eval.name(), 0, "k", example(8))).get();
      producer.send(new ProducerRecord<>(eval.name(), 1, "k", example(9))).get();
    }
  }
}
