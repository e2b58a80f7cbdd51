package io.bertstream.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link ReservoirRun} for the state store and its changelog: version
 * byte, document id (length-prefixed UTF-8), sentence count, then each sentence's length and ids.
 */
public final class ReservoirRunSerde implements Serde<ReservoirRun> {

  private static final byte VERSION = 1;

  @Override
  public Serializer<ReservoirRun> serializer() {
    return (topic, run) -> run == null ? null : encode(run);
  }

  @Override
  public Deserializer<ReservoirRun> deserializer() {
    return (topic, bytes) -> bytes == null ? null : decode(topic, bytes);
  }

  static byte[] encode(ReservoirRun run) {
    byte[] id = run.docId().getBytes(StandardCharsets.UTF_8);
    int size = 1 + 4 + id.length + 4;
    for (int[] sentence : run.sentences()) {
      size += 4 + 4 * sentence.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    buffer.put(VERSION).putInt(id.length).put(id).putInt(run.sentences().size());
    for (int[] sentence : run.sentences()) {
      buffer.putInt(sentence.length);
      for (int token : sentence) {
        buffer.putInt(token);
      }
    }
    return buffer.array();
  }

  static ReservoirRun decode(String topic, byte[] bytes) {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      byte version = buffer.get();
      if (version != VERSION) {
        throw new SerializationException("unknown reservoir run version " + version);
      }
      byte[] id = new byte[buffer.getInt()];
      buffer.get(id);
      int count = buffer.getInt();
      List<int[]> sentences = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int[] sentence = new int[buffer.getInt()];
        for (int t = 0; t < sentence.length; t++) {
          sentence[t] = buffer.getInt();
        }
        sentences.add(sentence);
      }
      return new ReservoirRun(new String(id, StandardCharsets.UTF_8), sentences);
    } catch (RuntimeException e) {
      if (e instanceof SerializationException) {
        throw e;
      }
      throw new SerializationException("corrupt reservoir run in " + topic, e);
    }
  }
}
