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

  private static List<List<List<Integer>>> read(
      KafkaConnection connection, int limit, int batchSize) {
    return EvalSampleReader.read(
            connection,
            Topics.create(connection).examplesEval(),
            limit,
            batchSize,
            VALIDATOR,
            BUILDER,
            TIMEOUT)
        .stream()
        .map(EvalSampleReaderTest::rows)
        .toList();
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
}
