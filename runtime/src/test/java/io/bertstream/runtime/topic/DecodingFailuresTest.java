package io.bertstream.runtime.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.serde.AvroDecodingException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DecodingFailuresTest {

  private static RecordDeserializationException failure(Throwable cause) {
    return new RecordDeserializationException(
        RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
        new TopicPartition("t", 2),
        41,
        0L,
        TimestampType.CREATE_TIME,
        null,
        ByteBuffer.wrap(new byte[] {1}),
        new RecordHeaders(),
        "cannot decode",
        cause);
  }

  @Test
  void shouldLetTheCallerSkipARecordWhoseBytesAreBad() {
    RecordDeserializationException bad =
        failure(new AvroDecodingException("t", 7, "body does not match the writer schema"));

    assertThat(DecodingFailures.badDataOrThrow(bad)).isSameAs(bad);
  }

  @Test
  void shouldLetTheCallerSkipARecordWhoseSchemaIdTheRegistryDoesNotKnow() {
    SchemaRegistryException notFound =
        new SchemaRegistryException(
            404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema 99 not found");
    RecordDeserializationException bad =
        failure(new AvroDecodingException("t", 99, "unknown schema id", notFound));

    assertThat(DecodingFailures.badDataOrThrow(bad)).isSameAs(bad);
  }

  @Test
  void shouldPropagateARegistryThatCannotBeReachedNamingTheRecord() {
    SchemaRegistryException outage =
        new SchemaRegistryException(0, 0, "Schema registry http://r unreachable");

    assertThatThrownBy(() -> DecodingFailures.badDataOrThrow(failure(outage)))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("t-2@41")
        .hasMessageContaining("unreachable")
        .hasRootCause(outage);
  }

  @Test
  void shouldPropagateARegistryThatRefusesTheRequest() {
    SchemaRegistryException refused = new SchemaRegistryException(401, 401, "unauthorized");

    assertThatThrownBy(
            () ->
                DecodingFailures.badDataOrThrow(failure(new RuntimeException("wrapped", refused))))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void shouldKeepAFailedTlsHandshakeARefusalWhenNamingTheRecord() {
    SchemaRegistryException handshake =
        new SchemaRegistryException(
            0, 0, "TLS failed", new SSLHandshakeException("Received fatal alert: bad_certificate"));

    assertThatThrownBy(() -> DecodingFailures.badDataOrThrow(failure(handshake)))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.isTlsFailure()).isTrue();
              assertThat(e.isClientError()).isTrue();
            });
  }

  @Test
  void shouldFindARegistryOutageBehindASerializerFailureWrappedByKafkaStreams() {
    SchemaRegistryException outage = new SchemaRegistryException(0, 0, "unreachable");
    RuntimeException wrapped =
        new org.apache.kafka.common.KafkaException(
            "cannot process",
            new SerializationException("Cannot get a schema id for subject 'x-value'", outage));

    assertThat(DecodingFailures.registryFailure(wrapped)).containsSame(outage);
    assertThat(DecodingFailures.registryFailure(outage)).containsSame(outage);
  }

  @Test
  void shouldFindNoRegistryFailureBehindBadBytesOrAnUnrelatedError() {
    SchemaRegistryException notFound =
        new SchemaRegistryException(
            404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema 99 not found");

    assertThat(
            DecodingFailures.registryFailure(
                new SerializationException(
                    new AvroDecodingException("t", 99, "unknown schema id", notFound))))
        .isEmpty();
    assertThat(DecodingFailures.registryFailure(new IllegalStateException("tokenizer failed")))
        .isEmpty();
  }
}
