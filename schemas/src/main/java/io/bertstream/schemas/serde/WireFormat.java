package io.bertstream.schemas.serde;

/**
 * Confluent's wire format: byte 0 is the magic byte {@value #MAGIC_BYTE}, bytes 1–4 the schema id
 * (big-endian int), the rest the Avro binary encoding of the value.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** Writes the magic byte and {@code schemaId} into the first five bytes of {@code target}. */
  public static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  /** The schema id of a value in the wire format; the caller has checked the header. */
  public static int schemaId(byte[] value) {
    return ((value[1] & 0xff) << 24)
        | ((value[2] & 0xff) << 16)
        | ((value[3] & 0xff) << 8)
        | (value[4] & 0xff);
  }

  /** The subject a topic's keys or values are registered under: {@code <topic>-key|value}. */
  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
