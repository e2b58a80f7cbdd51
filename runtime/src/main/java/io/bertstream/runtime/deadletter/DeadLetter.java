package io.bertstream.runtime.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What a dead-letter record says about itself, in its headers: the reason (a {@link
 * DeadLetterReason} code), a short human detail, where the original came from, and the stage that
 * gave up on it. The record's value is the original bytes, truncated to a limit the caller chooses;
 * its key is the document id when known, else the source.
 *
 * @param stage the stage that gave up; it must list {@code reason}
 * @param reason why
 * @param detail a short explanation (byte offset, parser message, size); cut to {@value
 *     #MAX_DETAIL_CHARS} characters, null becomes empty
 * @param source where the original came from: {@code file:line}, {@code file}, {@code http} or
 *     {@code topic-partition@offset}
 */
public record DeadLetter(
    DeadLetterStage stage, DeadLetterReason reason, String detail, String source) {

  public static final String REASON_HEADER = "bertstream.dlq.reason";
  public static final String DETAIL_HEADER = "bertstream.dlq.detail";
  public static final String SOURCE_HEADER = "bertstream.dlq.source";
  public static final String STAGE_HEADER = "bertstream.dlq.stage";

  /** A parser message can quote a whole line; headers stay small. */
  public static final int MAX_DETAIL_CHARS = 1000;

  public DeadLetter {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
    stage.require(reason);
    detail = detail == null ? "" : detail;
    if (detail.length() > MAX_DETAIL_CHARS) {
      detail = detail.substring(0, MAX_DETAIL_CHARS);
    }
  }

  /** The four headers, UTF-8 encoded. */
  public Headers headers() {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON_HEADER, utf8(reason.code()));
    headers.add(DETAIL_HEADER, utf8(detail));
    headers.add(SOURCE_HEADER, utf8(source));
    headers.add(STAGE_HEADER, utf8(stage.code()));
    return headers;
  }

  /** The record for a producer: {@code payload} cut to {@code payloadLimit} bytes, plus headers. */
  public ProducerRecord<String, byte[]> toProducerRecord(
      String topic, String key, byte[] payload, int payloadLimit) {
    return new ProducerRecord<>(topic, null, key, truncate(payload, payloadLimit), headers());
  }

  /** The first {@code limit} bytes of {@code payload}; null stays null. */
  public static byte[] truncate(byte[] payload, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("payload limit must not be negative: " + limit);
    }
    if (payload == null || payload.length <= limit) {
      return payload;
    }
    return Arrays.copyOf(payload, limit);
  }

  /**
   * The dead letter a record's headers describe; empty when it has no reason or stage header.
   *
   * @throws IllegalArgumentException when a reason or stage code is not in the vocabulary
   */
  public static Optional<DeadLetter> read(Headers headers) {
    Optional<String> reason = last(headers, REASON_HEADER);
    Optional<String> stage = last(headers, STAGE_HEADER);
    if (reason.isEmpty() || stage.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DeadLetter(
            DeadLetterStage.ofCode(stage.get()),
            DeadLetterReason.ofCode(reason.get()),
            last(headers, DETAIL_HEADER).orElse(""),
            last(headers, SOURCE_HEADER).orElse("")));
  }

  private static Optional<String> last(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null
        ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
