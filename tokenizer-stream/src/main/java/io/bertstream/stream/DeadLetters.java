package io.bertstream.stream;

import io.bertstream.runtime.deadletter.DeadLetter;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.deadletter.DeadLetterStage;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a document the tokenize stage gives up on to the DLQ child, in the same transaction as
 * everything else: the original bytes (cut to {@link #MAX_PAYLOAD_BYTES}), the reason in the shared
 * headers, a log line and a count. Used by every processor that can give up on a document.
 */
final class DeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  /** How much of a document a DLQ record keeps: enough to see what went wrong. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private final String docsTopic;
  private final StreamMetrics metrics;
  private final String child;

  DeadLetters(String docsTopic, StreamMetrics metrics, String child) {
    this.docsTopic = docsTopic;
    this.metrics = metrics;
    this.child = child;
  }

  /** Forwards {@code payload} under {@code key}, with the time of the record it came from. */
  void send(
      ProcessorContext<String, Object> context,
      Record<?, ?> record,
      String key,
      byte[] payload,
      DeadLetterReason reason,
      String detail) {
    String source = context.recordMetadata().map(DeadLetters::location).orElse(docsTopic);
    LOG.warn("document {} from {} goes to the DLQ: {} ({})", key, source, reason.code(), detail);
    metrics.deadLetter(reason);
    Headers headers = new DeadLetter(DeadLetterStage.TOKENIZE, reason, detail, source).headers();
    context.forward(
        new Record<String, Object>(
            key, DeadLetter.truncate(payload, MAX_PAYLOAD_BYTES), record.timestamp(), headers),
        child);
  }

  private static String location(RecordMetadata metadata) {
    return metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset();
  }
}
