package io.bertstream.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/** Builds DLQ records in the project's format: the original bytes plus reason headers. */
public final class DeadLetter {

  public static final String STAGE = "tokenize";
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  public static final String EMPTY_RECORD = "empty-record";
  public static final String UNDECODABLE = "undecodable";
  public static final String EMPTY_TEXT = "empty-text";
  public static final String TOKENIZER_FAILURE = "tokenizer-failure";
  public static final String TOO_SHORT = "too-short";

  private DeadLetter() {}

  /** The DLQ record for a document that could not become examples. */
  public static Record<String, byte[]> record(
      String key, byte[] payload, long timestamp, String reason, String detail, String source) {
    Headers headers = new RecordHeaders();
    headers.add("bertstream.dlq.reason", utf8(reason));
    headers.add("bertstream.dlq.detail", utf8(detail == null ? "" : detail));
    headers.add("bertstream.dlq.source", utf8(source));
    headers.add("bertstream.dlq.stage", utf8(STAGE));
    return new Record<>(key, truncate(payload), timestamp, headers);
  }

  static byte[] truncate(byte[] payload) {
    if (payload == null || payload.length <= MAX_PAYLOAD_BYTES) {
      return payload;
    }
    return Arrays.copyOf(payload, MAX_PAYLOAD_BYTES);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
