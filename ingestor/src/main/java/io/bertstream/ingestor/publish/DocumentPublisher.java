package io.bertstream.ingestor.publish;

import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.Rejection;
import io.bertstream.runtime.ClientFailures;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends documents (key = id) to the docs topic and rejections to the DLQ, counting every
 * acknowledgement and every failure; a failed send is never dropped. Thread-safe: the HTTP server
 * shares one publisher between requests. The producers belong to the caller.
 */
public final class DocumentPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentPublisher.class);

  /** Rejections are logged one by one up to this many per reason, then only counted. */
  private static final int LOGGED_PER_REASON = 10;

  private final Producer<String, RawDocument> docs;
  private final Supplier<Producer<String, byte[]>> dlq;
  private final AtomicBoolean dlqUsed = new AtomicBoolean();
  private final String docsTopic;
  private final String dlqTopic;
  private final int payloadLimit;
  private final IngestMetrics metrics;
  private final LongAdder published = new LongAdder();
  private final LongAdder publishedBytes = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<DeadLetterReason, LongAdder> deadLettered = new ConcurrentHashMap<>();
  private final Map<DeadLetterReason, AtomicLong> rejectionsSeen = new ConcurrentHashMap<>();
  private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

  public DocumentPublisher(
      Producer<String, RawDocument> docs,
      Producer<String, byte[]> dlq,
      String docsTopic,
      String dlqTopic,
      int payloadLimit,
      IngestMetrics metrics) {
    this(docs, () -> dlq, docsTopic, dlqTopic, payloadLimit, metrics);
  }

  /**
   * With a DLQ producer made on first use: most runs reject nothing, and a producer costs a
   * metadata round trip to start.
   */
  public DocumentPublisher(
      Producer<String, RawDocument> docs,
      Supplier<Producer<String, byte[]>> dlq,
      String docsTopic,
      String dlqTopic,
      int payloadLimit,
      IngestMetrics metrics) {
    this.docs = docs;
    this.dlq = dlq;
    this.docsTopic = docsTopic;
    this.dlqTopic = dlqTopic;
    this.payloadLimit = payloadLimit;
    this.metrics = metrics;
  }

  /** Sends a document; the future completes when Kafka acknowledged it (or failed). */
  public CompletableFuture<RecordMetadata> publish(RawDocument document, int textBytes) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      docs.send(
          new ProducerRecord<>(docsTopic, document.getId(), document),
          (metadata, error) -> {
            if (error == null) {
              published.increment();
              publishedBytes.add(textBytes);
              metrics.published(textBytes);
              acked.complete(metadata);
            } else {
              fail("document " + document.getId(), error, acked);
            }
          });
    } catch (KafkaException e) {
      // Serialization and buffer errors are thrown by send() itself, not reported to the callback.
      fail("document " + document.getId(), e, acked);
    }
    return acked;
  }

  /** Sends a rejection to the DLQ; logged (the first few per reason) and counted once acked. */
  public CompletableFuture<RecordMetadata> deadLetter(Rejection rejection) {
    long seen =
        rejectionsSeen.computeIfAbsent(rejection.reason(), r -> new AtomicLong()).incrementAndGet();
    if (seen <= LOGGED_PER_REASON) {
      LOG.warn(
          "dead-lettering {} ({}): {}",
          rejection.location(),
          rejection.reason().code(),
          rejection.detail());
      if (seen == LOGGED_PER_REASON) {
        LOG.warn("further '{}' rejections are counted, not logged", rejection.reason().code());
      }
    }
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      dlqUsed.set(true);
      dlq.get()
          .send(
              rejection
                  .deadLetter()
                  .toProducerRecord(dlqTopic, rejection.key(), rejection.payload(), payloadLimit),
              (metadata, error) -> {
                if (error == null) {
                  deadLettered
                      .computeIfAbsent(rejection.reason(), r -> new LongAdder())
                      .increment();
                  metrics.deadLettered(rejection.reason());
                  acked.complete(metadata);
                } else {
                  fail("DLQ record for " + rejection.location(), error, acked);
                }
              });
    } catch (KafkaException e) {
      fail("DLQ record for " + rejection.location(), e, acked);
    }
    return acked;
  }

  /** Blocks until every record sent so far is acknowledged or failed (callbacks have run). */
  public void flush() {
    docs.flush();
    if (dlqUsed.get()) {
      dlq.get().flush();
    }
  }

  /**
   * The first failure no retry can fix ({@link ClientFailures}: Kafka refused the login or an ACL,
   * the schema registry refused the request), if one happened: every later send fails the same way,
   * so the caller stops and reports it instead of failing each document.
   */
  public Optional<RuntimeException> fatalFailure() {
    return Optional.ofNullable(fatal.get());
  }

  public PublishCounts counts() {
    Map<DeadLetterReason, Long> byReason = new EnumMap<>(DeadLetterReason.class);
    deadLettered.forEach((reason, count) -> byReason.put(reason, count.sum()));
    return new PublishCounts(published.sum(), publishedBytes.sum(), byReason, failed.sum());
  }

  private void fail(String what, Exception error, CompletableFuture<RecordMetadata> acked) {
    failed.increment();
    metrics.failed();
    if (ClientFailures.isFatal(error)) {
      // Not logged: whoever stops on it reports it, once.
      fatal.compareAndSet(
          null, error instanceof RuntimeException runtime ? runtime : new KafkaException(error));
    } else if (failed.sum() <= LOGGED_PER_REASON) {
      LOG.error("Kafka did not accept {}: {}", what, error.toString());
    }
    acked.completeExceptionally(error);
  }
}
