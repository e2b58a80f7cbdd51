package io.bertstream.schemas.serde;

import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format values into the generated class {@code T}: the writer's schema
 * (fetched by id, cached) is resolved against {@code T}'s compiled schema, so data written with an
 * older or newer compatible schema reads correctly. One resolving reader is kept per writer id, so
 * steady-state reads do no schema work.
 *
 * <p>A value that cannot be decoded raises {@link AvroDecodingException}. A registry that cannot be
 * reached raises {@link SchemaRegistryException} instead: that record is not bad, and must not be
 * dead-lettered.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private SchemaRegistryClient client;
  private final ConcurrentHashMap<Integer, SpecificDatumReader<T>> readers =
      new ConcurrentHashMap<>();

  /** {@link #configure} then supplies the registry. */
  public SpecificAvroDeserializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
  }

  public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient client) {
    this(type);
    this.client = client;
  }

  /** Builds a registry client from {@code configs} unless one was given to the constructor. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (client == null) {
      client = SchemaRegistryClient.create(configs);
    }
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("SpecificAvroDeserializer used before configure()");
    }
    if (data.length < WireFormat.HEADER_SIZE) {
      throw new AvroDecodingException(
          topic,
          AvroDecodingException.NO_SCHEMA_ID,
          "value of " + data.length + " bytes is shorter than the 5-byte header");
    }
    if (data[0] != WireFormat.MAGIC_BYTE) {
      throw new AvroDecodingException(
          topic, AvroDecodingException.NO_SCHEMA_ID, "unknown magic byte " + data[0]);
    }
    int id = WireFormat.schemaId(data);
    SpecificDatumReader<T> reader = reader(topic, id);
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(
                data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
    T value;
    try {
      value = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new AvroDecodingException(topic, id, "body does not match the writer schema: " + e, e);
    }
    try {
      if (!decoder.isEnd()) {
        throw new AvroDecodingException(topic, id, "trailing bytes after the record");
      }
    } catch (IOException e) {
      throw new AvroDecodingException(topic, id, "cannot read the record's end", e);
    }
    return value;
  }

  /** The class values are read into. */
  public Class<T> type() {
    return type;
  }

  private SpecificDatumReader<T> reader(String topic, int id) {
    SpecificDatumReader<T> cached = readers.get(id);
    if (cached != null) {
      return cached;
    }
    Schema writer;
    try {
      writer = client.schemaById(id);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
        throw new AvroDecodingException(topic, id, "unknown schema id", e);
      }
      throw e;
    }
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(writer, readerSchema, model);
    SpecificDatumReader<T> raced = readers.putIfAbsent(id, reader);
    return raced != null ? raced : reader;
  }
}
