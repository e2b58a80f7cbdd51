package io.bertstream.stream;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.topic.DecodingFailures;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips a record Streams itself cannot deserialize, logging where it was and counting it, instead
 * of stopping the app. Document values are decoded inside the topology (so they reach the DLQ in
 * the same transaction); this handler only sees what fails before that, such as a bad key. A schema
 * registry that cannot answer is never the record's fault: that record is not skipped, the stream
 * thread fails and waits for the registry ({@link StreamFailureHandler}).
 */
public final class CountingDeserializationExceptionHandler
    implements DeserializationExceptionHandler {

  private static final Logger LOG =
      LoggerFactory.getLogger(CountingDeserializationExceptionHandler.class);

  private StreamMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = HandlerMetrics.from(configs);
  }

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (DecodingFailures.registryFailure(exception).isPresent()) {
      LOG.warn(
          "cannot decode {}-{}@{} while the schema registry fails; not skipping it: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          exception.toString());
      return DeserializationHandlerResponse.FAIL;
    }
    LOG.warn(
        "skipping undecodable record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception.toString());
    metrics.deadLetter(DeadLetterReason.UNDECODABLE_KEY);
    return DeserializationHandlerResponse.CONTINUE;
  }
}
