package io.bertstream.stream;

import io.bertstream.runtime.deadletter.DeadLetterMetrics;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.runtime.deadletter.DeadLetterStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stream's own counters. Prometheus turns them into rates ({@code rate(...[1m])} gives docs/s,
 * examples/s, tokens/s). Under exactly-once a retried transaction counts its work again, so these
 * can run slightly ahead of what the output topics hold.
 */
public final class StreamMetrics {

  private final MeterRegistry registry;
  private final Counter documents;
  private final Counter tokens;
  private final Counter trainExamples;
  private final Counter evalExamples;
  private final Counter registryOutages;
  private final Counter duplicates;
  private final Counter newVersions;
  private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);

  public StreamMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.documents =
        Counter.builder("bertstream.tokenize.documents")
            .description("documents turned into examples")
            .register(registry);
    this.tokens =
        Counter.builder("bertstream.tokenize.tokens")
            .description("word-piece tokens produced by the tokenizer")
            .register(registry);
    this.trainExamples = examples("train");
    this.evalExamples = examples("eval");
    this.duplicates =
        Counter.builder("bertstream.tokenize.duplicates")
            .description("documents skipped: the same id and text were turned into examples before")
            .register(registry);
    this.newVersions =
        Counter.builder("bertstream.tokenize.new.versions")
            .description("documents whose id was seen before with other text (a new version)")
            .register(registry);
    this.registryOutages =
        Counter.builder("bertstream.tokenize.registry.outages")
            .description(
                "schema-registry outages the stream waited out (documents wait, none lost)")
            .register(registry);
    // Registered up front, so every tokenize reason shows as a zero series before it first happens.
    for (DeadLetterReason reason : DeadLetterStage.TOKENIZE.reasons()) {
      deadLettered.put(
          reason, DeadLetterMetrics.counter(registry, DeadLetterStage.TOKENIZE, reason));
    }
  }

  private Counter examples(String split) {
    return Counter.builder("bertstream.tokenize.examples")
        .description("pretraining examples produced")
        .tag("split", split)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void document(long tokenCount) {
    documents.increment();
    tokens.increment(tokenCount);
  }

  public void examples(boolean eval, int count) {
    (eval ? evalExamples : trainExamples).increment(count);
  }

  /** Examples counted so far, both splits. */
  public long examplesProduced() {
    return (long) (trainExamples.count() + evalExamples.count());
  }

  /** A document skipped as a repeat of one already turned into examples. */
  public void duplicate() {
    duplicates.increment();
  }

  /** Repeats skipped so far. */
  public long duplicates() {
    return (long) duplicates.count();
  }

  /** A known document id returned with other text. */
  public void newVersion() {
    newVersions.increment();
  }

  /** A schema-registry outage began: a stream thread now waits for the registry. */
  public void registryOutage() {
    registryOutages.increment();
  }

  /** Schema-registry outages so far. */
  public long registryOutages() {
    return (long) registryOutages.count();
  }

  /** Shows {@code threads}, the stream threads waiting for the schema registry, as a gauge. */
  void registryWaiting(AtomicInteger threads) {
    Gauge.builder("bertstream.tokenize.registry.waiting", threads, AtomicInteger::get)
        .description("stream threads waiting for the schema registry to answer")
        .register(registry);
  }

  /**
   * One record sent to (or, failing that, logged for) the DLQ.
   *
   * @throws IllegalArgumentException for a reason the tokenize stage does not give
   */
  public void deadLetter(DeadLetterReason reason) {
    deadLettered.get(DeadLetterStage.TOKENIZE.require(reason)).increment();
  }
}
