package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.serde.AvroDecodingException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Each Streams handler skips bad data and never a record the schema registry failed on. */
class RegistryFailureHandlersTest {

  private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
  private final Map<String, Object> configs = Map.of(HandlerMetrics.CONFIG_KEY, metrics);

  private static final ErrorHandlerContext CONTEXT =
      new DefaultErrorHandlerContext(
          null,
          "t.docs",
          3,
          17L,
          new RecordHeaders(),
          "tokenize",
          new TaskId(0, 3),
          5L,
          null,
          null);

  private static final SchemaRegistryException OUTAGE =
      new SchemaRegistryException(0, 0, "Schema registry http://r unreachable");

  private static final Exception UNKNOWN_SCHEMA =
      new SerializationException(
          new AvroDecodingException(
              "t.docs",
              99,
              "unknown schema id",
              new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "nf")));

  private double deadLettered(DeadLetterReason reason) {
    return metrics
        .registry()
        .get("bertstream.dlq.records")
        .tag("reason", reason.code())
        .counter()
        .count();
  }

  @Test
  void shouldFailTheThreadInsteadOfSkippingARecordWhoseProcessingMetARegistryOutage() {
    CountingProcessingExceptionHandler handler = new CountingProcessingExceptionHandler();
    handler.configure(configs);
    Record<String, String> record = new Record<>("k", "v", 5L);

    assertThat(handler.handle(CONTEXT, record, new StreamsException("send failed", OUTAGE)))
        .isEqualTo(ProcessingHandlerResponse.FAIL);
    assertThat(handler.handle(CONTEXT, record, new IllegalStateException("bug")))
        .isEqualTo(ProcessingHandlerResponse.CONTINUE);
    assertThat(deadLettered(DeadLetterReason.PROCESSING_FAILURE)).isEqualTo(1.0);
  }

  @Test
  void shouldSkipAnUndecodableKeyButNotOneTheRegistryCouldNotServe() {
    CountingDeserializationExceptionHandler handler = new CountingDeserializationExceptionHandler();
    handler.configure(configs);
    ConsumerRecord<byte[], byte[]> record =
        new ConsumerRecord<>("t.docs", 3, 17L, new byte[] {1}, new byte[] {2});

    assertThat(handler.handle(CONTEXT, record, new SerializationException("decode", OUTAGE)))
        .isEqualTo(DeserializationHandlerResponse.FAIL);
    assertThat(handler.handle(CONTEXT, record, UNKNOWN_SCHEMA))
        .isEqualTo(DeserializationHandlerResponse.CONTINUE);
    assertThat(deadLettered(DeadLetterReason.UNDECODABLE_KEY)).isEqualTo(1.0);
  }

  @Test
  void shouldNotSkipAnExampleWhoseSchemaCouldNotBeRegisteredDuringAnOutage() {
    ResilientProductionExceptionHandler handler = new ResilientProductionExceptionHandler();
    handler.configure(configs);
    ProducerRecord<String, String> record = new ProducerRecord<>("t.examples", "k", "v");
    SerializationException noSchemaId =
        new SerializationException("Cannot get a schema id for subject 't.examples-value'", OUTAGE);

    assertThat(
            handler.handleSerializationException(
                CONTEXT, record, noSchemaId, SerializationExceptionOrigin.VALUE))
        .isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    assertThat(
            handler.handleSerializationException(
                CONTEXT,
                record,
                new SerializationException("Cannot encode"),
                SerializationExceptionOrigin.VALUE))
        .isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
    assertThat(deadLettered(DeadLetterReason.UNSERIALIZABLE)).isEqualTo(1.0);
  }
}
