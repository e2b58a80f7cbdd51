package io.bertstream.stream;

import io.bertstream.runtime.ClientFailures;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.topic.DecodingFailures;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: a record whose processing throws something the processors did not
 * expect is logged with its source and counted, and the stream goes on instead of dying on it.
 * Except a schema registry that cannot answer (decoding a document, or registering the examples'
 * schema): that record is good, so the stream thread fails without committing it, and waits for the
 * registry before it is replaced ({@link StreamFailureHandler}). And except a failure no retry can
 * fix ({@link ClientFailures}: Kafka refused an ACL, the registry the credentials): the record is
 * good too, and every other would fail the same way, so the stream stops on it.
 */
public final class CountingProcessingExceptionHandler implements ProcessingExceptionHandler {

  private static final Logger LOG =
      LoggerFactory.getLogger(CountingProcessingExceptionHandler.class);

  private StreamMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = HandlerMetrics.from(configs);
  }

  @Override
  public ProcessingHandlerResponse handle(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (ClientFailures.isFatal(exception)) {
      return ProcessingHandlerResponse.FAIL; // reported, once, by whoever runs the stream
    }
    if (DecodingFailures.registryFailure(exception).isPresent()) {
      LOG.warn(
          "{}-{}@{} waits for the schema registry ({} failed): {}",
          context.topic(),
          context.partition(),
          context.offset(),
          context.processorNodeId(),
          exception.toString());
      return ProcessingHandlerResponse.FAIL;
    }
    LOG.error(
        "skipping a record of {}-{}@{} that failed in {}",
        context.topic(),
        context.partition(),
        context.offset(),
        context.processorNodeId(),
        exception);
    metrics.deadLetter(DeadLetterReason.PROCESSING_FAILURE);
    return ProcessingHandlerResponse.CONTINUE;
  }
}
