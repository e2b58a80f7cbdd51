package io.bertstream.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code bertstream quickstart} runs.
 *
 * @param corpus the documents to pretrain on (JSON lines with a {@code text} field, or text)
 * @param dataDir everything the run keeps: broker data, tokenizer, stream state, checkpoints
 * @param external Kafka and registry to use instead of the embedded stack (empty: embedded)
 * @param budget wall-clock training time of this run
 * @param maxSteps optimizer steps of this run (0: only the time budget counts)
 * @param preset model size
 * @param vocabSize vocabulary size when the tokenizer is trained
 * @param maxSeqLength example length in tokens
 * @param batchSize examples per step
 * @param learningRate peak learning rate
 * @param warmupSteps learning-rate warm-up
 * @param evalEvery steps between evaluations (and probe predictions)
 * @param probes sentences with [MASK] shown at each evaluation and at the end
 */
record QuickstartConfig(
    Path corpus,
    Path dataDir,
    Optional<External> external,
    Duration budget,
    long maxSteps,
    String preset,
    int vocabSize,
    int maxSeqLength,
    int batchSize,
    double learningRate,
    long warmupSteps,
    long evalEvery,
    List<String> probes) {

  /** An existing cluster and registry. */
  record External(String bootstrapServers, String schemaRegistryUrl) {}

  QuickstartConfig {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(external, "external");
    Objects.requireNonNull(budget, "budget");
    probes = List.copyOf(probes);
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("the time budget must be positive: " + budget);
    }
    if (maxSteps < 0) {
      throw new IllegalArgumentException("--max-steps must be >= 0: " + maxSteps);
    }
  }

  Path tokenizerJson() {
    return dataDir.resolve("tokenizer").resolve("tokenizer.json");
  }

  Path checkpointDir() {
    return dataDir.resolve("checkpoints");
  }

  Path streamStateDir() {
    return dataDir.resolve("streams");
  }

  Path stackDir() {
    return dataDir.resolve("local");
  }

  /** Remembers which corpus was already published, so a second run does not repeat it. */
  Path ingestedMarker() {
    return dataDir.resolve("ingested.properties");
  }
}
