package io.bertstream.schemas.serde;

import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Confluent's wire format under subject {@code <topic>-value} (or
 * {@code -key}). The schema is registered on first use unless {@code auto.register.schemas=false},
 * in which case it must already be registered. Thread-safe.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  private SchemaRegistryClient client;
  private SerdeConfig config;
  private boolean isKey;
  private final ConcurrentHashMap<Schema, SpecificDatumWriter<T>> writers =
      new ConcurrentHashMap<>();

  /**
   * The size of the last record written: the next one's buffer starts there, so a stream of large
   * documents is not copied again and again while its buffer doubles. A race only costs a resize.
   */
  private volatile int sizeHint = 256;

  /** For Kafka's reflective construction; {@link #configure} then supplies the registry. */
  public SpecificAvroSerializer() {}

  public SpecificAvroSerializer(SchemaRegistryClient client, SerdeConfig config, boolean isKey) {
    this.client = client;
    this.config = config;
    this.isKey = isKey;
  }

  /**
   * Builds a registry client and reads {@code auto.register.schemas} from {@code configs}; a
   * serializer constructed with a client keeps the client and settings it was given.
   */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.isKey = isKey;
    if (client == null) {
      this.config = SerdeConfig.from(configs);
      this.client = SchemaRegistryClient.create(configs);
    }
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("SpecificAvroSerializer used before configure()");
    }
    Schema schema = data.getSchema();
    String subject = WireFormat.subject(topic, isKey);
    int id;
    try {
      id =
          config.autoRegisterSchemas()
              ? client.register(subject, schema)
              : client.idOf(subject, schema);
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "Cannot get a schema id for subject '" + subject + "': " + e.getMessage(), e);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
      byte[] header = new byte[WireFormat.HEADER_SIZE];
      WireFormat.writeHeader(header, id);
      out.write(header);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writers.computeIfAbsent(schema, this::writer).write(data, encoder);
      encoder.flush();
      byte[] bytes = out.toByteArray();
      sizeHint = Math.max(256, bytes.length + bytes.length / 8);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Cannot encode " + schema.getFullName() + " for topic '" + topic + "'", e);
    }
  }

  private SpecificDatumWriter<T> writer(Schema schema) {
    return new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
  }
}
