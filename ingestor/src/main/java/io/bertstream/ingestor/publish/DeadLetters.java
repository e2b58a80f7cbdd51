package io.bertstream.ingestor.publish;

import io.bertstream.ingestor.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds DLQ records: original payload (truncated), reason, detail, source, stage headers. */
public final class DeadLetters {

  public static final String REASON = "bertstream.dlq.reason";
  public static final String DETAIL = "bertstream.dlq.detail";
  public static final String SOURCE = "bertstream.dlq.source";
  public static final String STAGE = "bertstream.dlq.stage";
  public static final String STAGE_INGEST = "ingest";

  private static final int MAX_DETAIL_CHARS = 1000;

  private DeadLetters() {}

  public static ProducerRecord<String, byte[]> record(
      String topic, Rejection rejection, int payloadLimit) {
    byte[] payload = rejection.payload();
    if (payload.length > payloadLimit) {
      payload = Arrays.copyOf(payload, payloadLimit);
    }
    String detail = rejection.detail();
    if (detail.length() > MAX_DETAIL_CHARS) {
      detail = detail.substring(0, MAX_DETAIL_CHARS);
    }
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, utf8(rejection.reason().code()));
    headers.add(DETAIL, utf8(detail));
    headers.add(SOURCE, utf8(rejection.location()));
    headers.add(STAGE, utf8(STAGE_INGEST));
    return new ProducerRecord<>(topic, null, rejection.key(), payload, headers);
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
