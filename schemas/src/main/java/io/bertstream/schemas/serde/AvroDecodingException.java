package io.bertstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value that cannot be decoded: wrong magic byte, too short, unknown schema id, or a body that
 * does not match its schema. It names the topic; Kafka's consumer wraps it in a {@code
 * RecordDeserializationException} that adds the partition and offset, so callers can dead-letter
 * the record and seek past it.
 */
public class AvroDecodingException extends SerializationException {

  private static final long serialVersionUID = 1L;

  /** Stands for "no schema id could be read". */
  public static final int NO_SCHEMA_ID = -1;

  private final String topic;
  private final int schemaId;

  public AvroDecodingException(String topic, int schemaId, String reason, Throwable cause) {
    super(message(topic, schemaId, reason), cause);
    this.topic = topic;
    this.schemaId = schemaId;
  }

  public AvroDecodingException(String topic, int schemaId, String reason) {
    this(topic, schemaId, reason, null);
  }

  public String topic() {
    return topic;
  }

  /** The schema id in the record's header, or {@link #NO_SCHEMA_ID}. */
  public int schemaId() {
    return schemaId;
  }

  private static String message(String topic, int schemaId, String reason) {
    return "Cannot decode Avro record from topic '"
        + topic
        + "'"
        + (schemaId == NO_SCHEMA_ID ? "" : " (schema id " + schemaId + ")")
        + ": "
        + reason;
  }
}
