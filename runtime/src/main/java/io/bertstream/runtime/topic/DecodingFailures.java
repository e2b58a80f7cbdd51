package io.bertstream.runtime.topic;

import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.serde.AvroDecodingException;
import java.util.Optional;
import org.apache.kafka.common.errors.RecordDeserializationException;

/**
 * The one rule for a record that could not be decoded (or encoded). Bad bytes (not Avro, an unknown
 * schema id, a body that does not match its schema) are the record's fault: the reader skips and
 * counts it, or dead-letters it. A schema registry that did not answer, or refused the request, is
 * not: skipping would lose good records, so the failure propagates and the caller waits or stops.
 */
public final class DecodingFailures {

  private DecodingFailures() {}

  /**
   * The registry failure behind {@code failure}, looking through its causes; empty when the failure
   * is the record's own. The deserializer's verdict on the bytes ({@link AvroDecodingException})
   * wins over a registry error it wraps: an id no schema has is bad data.
   */
  public static Optional<SchemaRegistryException> registryFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AvroDecodingException) {
        return Optional.empty();
      }
      if (cause instanceof SchemaRegistryException registry) {
        return Optional.of(registry);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns {@code failure} when the record itself is bad, so the caller may skip it.
   *
   * @throws SchemaRegistryException naming the record, when the registry could not serve the
   *     writer's schema
   */
  public static RecordDeserializationException badDataOrThrow(
      RecordDeserializationException failure) {
    Optional<SchemaRegistryException> registry = registryFailure(failure);
    if (registry.isPresent()) {
      throw new SchemaRegistryException(
          registry.get().status(),
          registry.get().errorCode(),
          "cannot decode "
              + failure.topicPartition()
              + "@"
              + failure.offset()
              + " while the schema registry fails: "
              + registry.get().getMessage(),
          failure);
    }
    return failure;
  }
}
