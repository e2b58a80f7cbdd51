package io.bertstream.cli;

import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.source.CorpusTexts;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.stream.TokenizerStreamConfig;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.tokenizer.train.VocabTrainingConfig;
import io.bertstream.trainer.TrainerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each service's configuration for a quickstart run, built by name from the service's own defaults
 * with the quickstart's settings on top, so the services run as their commands would run them.
 * Every service connects with the one connection given here: its topic prefix and its client
 * properties (SASL, TLS, {@code -X}, {@code --config}, {@code BERTSTREAM_*}) reach all of them.
 */
final class QuickstartServices {

  /** 1% of 233 addresses would hold out one: about a dozen make a steadier evaluation. */
  static final double EVAL_FRACTION = 0.05;

  /** The stream is in this process; nobody scrapes it. */
  private static final OpsSettings NO_OPS = OpsSettings.OFF;

  private final QuickstartConfig config;
  private final KafkaConnection connection;

  /**
   * {@code connection}: the cluster the run uses, embedded or not, with the config's properties.
   */
  QuickstartServices(QuickstartConfig config, KafkaConnection connection) {
    this.config = config;
    this.connection = connection;
  }

  KafkaConnection connection() {
    return connection;
  }

  VocabTrainingConfig vocabTraining() {
    return VocabTrainingConfig.of(config.tokenizerJson()).withVocabSize(config.vocabSize());
  }

  /** The corpus read as {@code ingest} reads it, for the vocabulary. */
  CorpusTexts corpus() {
    return CorpusTexts.of(List.of(config.corpus()));
  }

  IngestConfig ingest() {
    return IngestConfig.of(List.of(config.corpus().toString()));
  }

  TokenizerStreamConfig stream() {
    // Streams does not leave its group on close, so a second run would wait out the previous
    // member's session (45 s by default); one local instance can afford a short one.
    Map<String, String> properties = new HashMap<>(connection.clientProperties());
    properties.putIfAbsent("main.consumer.session.timeout.ms", "6000");
    return TokenizerStreamConfig.of(
            connection.withClientProperties(properties), config.tokenizerJson())
        .withRecipe(
            RecipeConfig.defaults()
                .withMaxSeqLength(config.maxSeqLength())
                .withMaskedLmProb(config.maskedLmProb())
                .withMaxPredictionsPerSeq(config.maxPredictionsPerSeq())
                .withSeed(config.seed())
                .withDupeFactor(config.dupeFactor())
                .withEvalFraction(EVAL_FRACTION))
        .withStateDir(config.streamStateDir())
        .withOps(NO_OPS);
  }

  /**
   * The trainer's run when the newest checkpoint is at step {@code resumedFrom} (0: none) after
   * {@code trainedBefore} of training: the budget is this run's, on top of that time. Its ops
   * server, {@code dashboard}, serves the live dashboard (and /metrics) to this machine.
   */
  TrainerConfig trainer(long resumedFrom, Duration trainedBefore, OpsSettings dashboard) {
    return TrainerConfig.builder(connection, config.tokenizerJson(), config.checkpointDir())
        .preset(config.preset())
        .seed(config.seed())
        .batchSize(config.batchSize())
        .accumulate(config.accumulate())
        .epochs(config.epochs())
        .maxSteps(config.totalSteps(resumedFrom))
        .timeBudget(trainedBefore.plus(config.budget()))
        .checkpointEvery(config.evalEvery())
        .checkpointInterval(Duration.ofMinutes(2))
        .optimization(
            TrainerConfig.Optimization.defaults()
                .withLearningRate(config.learningRate())
                .withWarmupSteps(config.warmupSteps())
                .withSchedule(config.schedule()))
        .evalEvery(config.evalEvery())
        .probes(config.probes())
        .ops(dashboard)
        .build();
  }
}
