package io.bertstream.ingestor.publish;

import io.bertstream.runtime.deadletter.DeadLetterMetrics;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.deadletter.DeadLetterStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingestor's Micrometer counters. Prometheus names: {@code
 * bertstream_ingest_documents_published_total}, {@code bertstream_ingest_bytes_published_total},
 * {@code bertstream_ingest_documents_skipped_total{reason="empty"}}, {@code
 * bertstream_ingest_publish_failures_total}, {@code bertstream_ingest_invalid_utf8_replaced_total},
 * {@code bertstream_ingest_charset_detected_total{charset}}, {@code
 * bertstream_dlq_records_total{stage="ingest",reason}} and, for {@code ingest serve}, {@code
 * bertstream_ingest_http_requests_refused_total{reason}} (see {@link #HTTP_REFUSALS}).
 */
public final class IngestMetrics {

  /**
   * Why {@code POST /documents} refuses a request before it reads it: no or a wrong token, over the
   * client's rate, over the size limit.
   */
  public static final List<String> HTTP_REFUSALS =
      List.of("unauthorized", "rate_limited", "too_large");

  private final Counter published;
  private final Counter bytes;
  private final Counter skippedEmpty;
  private final Counter failures;
  private final MeterRegistry registry;
  private final Counter replacedUtf8;
  private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);
  private final Map<String, Counter> refused = new HashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = registry;
    published =
        Counter.builder("bertstream.ingest.documents.published")
            .description("Documents acknowledged by Kafka on the docs topic")
            .register(registry);
    bytes =
        Counter.builder("bertstream.ingest.bytes.published")
            .description("UTF-8 bytes of text acknowledged by Kafka")
            .baseUnit("bytes")
            .register(registry);
    skippedEmpty =
        Counter.builder("bertstream.ingest.documents.skipped")
            .description("Documents not published because they hold no text")
            .tag("reason", "empty")
            .register(registry);
    failures =
        Counter.builder("bertstream.ingest.publish.failures")
            .description("Records (documents or DLQ records) Kafka did not acknowledge")
            .register(registry);
    replacedUtf8 =
        Counter.builder("bertstream.ingest.invalid.utf8.replaced")
            .description("Inputs whose invalid UTF-8 was replaced with U+FFFD")
            .register(registry);
    // Registered up front, so every ingest reason shows as a zero series before it first happens.
    for (DeadLetterReason reason : DeadLetterStage.INGEST.reasons()) {
      deadLettered.put(reason, DeadLetterMetrics.counter(registry, DeadLetterStage.INGEST, reason));
    }
    for (String reason : HTTP_REFUSALS) {
      refused.put(
          reason,
          Counter.builder("bertstream.ingest.http.requests.refused")
              .description("POST /documents requests refused for their sender or their size")
              .tag("reason", reason)
              .register(registry));
    }
  }

  /** A request refused for {@code reason}, one of {@link #HTTP_REFUSALS}. */
  public void refusedRequest(String reason) {
    Counter counter = refused.get(reason);
    if (counter == null) {
      throw new IllegalArgumentException("not a refusal reason: " + reason);
    }
    counter.increment();
  }

  void published(int textBytes) {
    published.increment();
    bytes.increment(textBytes);
  }

  void deadLettered(DeadLetterReason reason) {
    deadLettered.get(reason).increment();
  }

  void failed() {
    failures.increment();
  }

  public void skippedEmpty() {
    skippedEmpty.increment();
  }

  public void replacedUtf8() {
    replacedUtf8.increment();
  }

  /** An input that is not UTF-8 was read in {@code charset}, which ICU4J detected. */
  public void detectedCharset(String charset) {
    Counter.builder("bertstream.ingest.charset.detected")
        .description("Inputs that are not UTF-8, read in the charset detected for them")
        .tag("charset", charset)
        .register(registry)
        .increment();
  }
}
