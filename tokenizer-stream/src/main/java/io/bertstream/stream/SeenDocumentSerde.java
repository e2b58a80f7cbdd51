package io.bertstream.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link SeenDocument} for the state store and its changelog in 21 bytes: format byte, the 16-byte
 * content hash, the version as a 4-byte int.
 */
public final class SeenDocumentSerde implements Serde<SeenDocument> {

  private static final byte FORMAT = 1;
  static final int SIZE = 1 + SeenDocument.HASH_BYTES + Integer.BYTES;

  @Override
  public Serializer<SeenDocument> serializer() {
    return (topic, seen) -> seen == null ? null : encode(seen);
  }

  @Override
  public Deserializer<SeenDocument> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
  }

  static byte[] encode(SeenDocument seen) {
    return ByteBuffer.allocate(SIZE)
        .put(FORMAT)
        .put(seen.contentHash())
        .putInt(seen.version())
        .array();
  }

  static SeenDocument decode(String topic, byte[] bytes) {
    if (bytes.length != SIZE || bytes[0] != FORMAT) {
      throw new SerializationException(
          "not a remembered document in " + topic + ": " + bytes.length + " bytes");
    }
    byte[] hash = Arrays.copyOfRange(bytes, 1, 1 + SeenDocument.HASH_BYTES);
    int version = ByteBuffer.wrap(bytes).getInt(1 + SeenDocument.HASH_BYTES);
    try {
      return new SeenDocument(hash, version);
    } catch (IllegalArgumentException e) {
      throw new SerializationException("corrupt remembered document in " + topic, e);
    }
  }
}
