package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.KafkaConnection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exactly-once Streams needs the transaction state log; a single node must be able to host it. */
class TransactionsTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @Test
  void shouldShowOnlyCommittedTransactionsToAReadCommittedConsumer() throws Exception {
    KafkaConnection connection = STACK.connection("tx", 1);
    String topic = connection.topics().examples();

    Map<String, Object> config = Records.producerConfig(connection.bootstrapServers());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.initTransactions();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted-1"));
      producer.send(new ProducerRecord<>(topic, "k", "aborted-2"));
      producer.flush();
      producer.abortTransaction();

      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();

      // A marker after the committed ones, so reading up to it proves nothing else is coming.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "end"));
      producer.commitTransaction();
    }

    assertThat(Records.consume(connection.bootstrapServers(), topic, 3, "read_committed"))
        .containsExactly("committed-1", "committed-2", "end");
    assertThat(Records.consume(connection.bootstrapServers(), topic, 5, "read_uncommitted"))
        .containsExactly("aborted-1", "aborted-2", "committed-1", "committed-2", "end");
  }

  @Test
  void shouldUseTheDefaultPrefixTopicsCreatedByTheStack() throws Exception {
    assertThat(STACK.admin().listTopics().names().get())
        .containsAll(List.of("bertstream.docs", "bertstream.examples"));
  }
}
