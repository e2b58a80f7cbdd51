package io.bertstream.stream;

import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.topic.DecodingFailures;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the app alive when an output record cannot be produced: retriable errors are retried;
 * anything else (a record too large, a serialization failure) is logged with its source and
 * counted, and the stream moves on. A serializer that cannot get its schema id because the schema
 * registry fails is not the record's fault: the record is not skipped, the stream thread fails
 * without committing and waits for the registry ({@link StreamFailureHandler}).
 */
public final class ResilientProductionExceptionHandler implements ProductionExceptionHandler {

  private static final Logger LOG =
      LoggerFactory.getLogger(ResilientProductionExceptionHandler.class);

  private StreamMetrics metrics;

  @Override
  public void configure(Map<String, ?> configs) {
    metrics = HandlerMetrics.from(configs);
  }

  @Override
  public ProductionExceptionHandlerResponse handle(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RetriableException) {
      return ProductionExceptionHandlerResponse.RETRY;
    }
    LOG.error(
        "could not produce to {} the output of {}-{}@{}: {}",
        record.topic(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception.toString());
    metrics.deadLetter(DeadLetterReason.UNPRODUCIBLE);
    return ProductionExceptionHandlerResponse.CONTINUE;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ProductionExceptionHandlerResponse handleSerializationException(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    if (DecodingFailures.registryFailure(exception).isPresent()) {
      LOG.warn(
          "cannot serialize the {} of a record for {} from {}-{}@{} while the schema registry"
              + " fails; not skipping it: {}",
          origin,
          record.topic(),
          context.topic(),
          context.partition(),
          context.offset(),
          exception.toString());
      return ProductionExceptionHandlerResponse.FAIL;
    }
    LOG.error(
        "could not serialize the {} of a record for {} from {}-{}@{}: {}",
        origin,
        record.topic(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception.toString());
    metrics.deadLetter(DeadLetterReason.UNSERIALIZABLE);
    return ProductionExceptionHandlerResponse.CONTINUE;
  }
}
