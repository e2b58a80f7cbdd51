package io.bertstream.runtime.topic;

import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.serde.AvroDecodingException;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * The one rule for a record the consumer could not decode. Bad bytes (not Avro, an unknown schema
 * id, a body that does not match its schema) are the record's fault: the reader skips and counts
 * it. A schema registry that did not answer, or refused the request, is not: skipping would lose
 * good records, so the failure propagates.
 */
public final class DecodingFailures {

  private DecodingFailures() {}

  /**
   * Returns {@code failure} when the record itself is bad, so the caller may skip it.
   *
   * @throws SchemaRegistryException naming the record, when the registry could not serve the
   *     writer's schema
   */
  public static RecordDeserializationException badDataOrThrow(
      RecordDeserializationException failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof AvroDecodingException) {
        // The deserializer's verdict on the bytes, even when it carries the registry's
        // "schema not found" as its cause: an id no schema has is bad data.
        return failure;
      }
      if (cause instanceof SchemaRegistryException registry) {
        throw new SchemaRegistryException(
            registry.status(),
            registry.errorCode(),
            "cannot decode "
                + failure.topicPartition()
                + "@"
                + failure.offset()
                + " while the schema registry fails: "
                + registry.getMessage(),
            failure);
      }
    }
    return failure;
  }
}
