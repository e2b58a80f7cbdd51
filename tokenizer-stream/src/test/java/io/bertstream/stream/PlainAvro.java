package io.bertstream.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Avro binary without a registry, for TopologyTestDriver tests. */
final class PlainAvro {

  private PlainAvro() {}

  static <T extends SpecificRecord> Serializer<T> serializer() {
    return (topic, record) -> {
      if (record == null) {
        return null;
      }
      try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
      } catch (IOException e) {
        throw new SerializationException(e);
      }
    };
  }

  static <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type) {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return new SpecificDatumReader<>(type)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
      } catch (IOException | RuntimeException e) {
        throw new SerializationException("cannot decode a record of " + topic, e);
      }
    };
  }
}
