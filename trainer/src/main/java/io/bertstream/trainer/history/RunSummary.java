package io.bertstream.trainer.history;

import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A run's history in a few figures, for the top of the dashboard and of the report.
 *
 * @param steps the newest step (0 before the first)
 * @param examples examples trained on, every step of the history
 * @param tokens tokens trained on up to the newest step, where journaled
 * @param trainingTime training time up to the newest step, earlier runs included, where journaled
 * @param firstStepAt when the history's first step with figures was journaled
 * @param lastStepAt when its newest step with figures was journaled
 * @param finalLoss the smoothed train loss at the newest step
 * @param lastEvaluation the newest evaluation with scores on the fixed set
 * @param bestEvaluation the evaluation with the lowest masked-LM loss on the fixed set
 * @param checkpoints checkpoints written
 * @param lastCheckpoint the newest of them
 * @param baseline the masked-LM loss to beat, if known
 */
public record RunSummary(
    long steps,
    long examples,
    OptionalLong tokens,
    Optional<Duration> trainingTime,
    Optional<Instant> firstStepAt,
    Optional<Instant> lastStepAt,
    OptionalDouble finalLoss,
    Optional<EvalEntry> lastEvaluation,
    Optional<EvalEntry> bestEvaluation,
    int checkpoints,
    Optional<CheckpointMark> lastCheckpoint,
    Optional<Baseline> baseline) {

  /** The summary of {@code history}, with {@code baseline} beside it. */
  public static RunSummary of(RunHistory history, Optional<Baseline> baseline) {
    List<TrainPoint> steps = history.steps();
    long examples = steps.stream().mapToLong(p -> p.ledger().examples()).sum();
    Optional<StepFigures> last =
        steps.stream().flatMap(p -> p.figures().stream()).reduce((a, b) -> b);
    Optional<StepFigures> first = steps.stream().flatMap(p -> p.figures().stream()).findFirst();
    double[] smoothed =
        Smoothing.ema(
            steps.stream().mapToDouble(TrainPoint::loss).toArray(), Smoothing.DEFAULT_SPAN);
    OptionalDouble finalLoss = OptionalDouble.empty();
    for (int i = smoothed.length - 1; i >= 0 && finalLoss.isEmpty(); i--) {
      if (Double.isFinite(smoothed[i])) {
        finalLoss = OptionalDouble.of(smoothed[i]);
      }
    }
    List<EvalEntry> scored =
        history.evaluations().stream().filter(e -> e.scores().isPresent()).toList();
    return new RunSummary(
        history.last().map(TrainPoint::step).orElse(0L),
        examples,
        last.map(StepFigures::tokens).map(OptionalLong::of).orElse(OptionalLong.empty()),
        last.map(f -> Duration.ofMillis(f.trainingMs())),
        first.map(f -> Instant.ofEpochMilli(f.unixMs())),
        last.map(f -> Instant.ofEpochMilli(f.unixMs())),
        finalLoss,
        scored.isEmpty() ? Optional.empty() : Optional.of(scored.get(scored.size() - 1)),
        scored.stream()
            .filter(e -> Double.isFinite(e.scores().get().mlmLoss()))
            .min(Comparator.comparingDouble(e -> e.scores().get().mlmLoss())),
        history.checkpoints().size(),
        history.checkpoints().isEmpty()
            ? Optional.empty()
            : Optional.of(history.checkpoints().get(history.checkpoints().size() - 1)),
        baseline);
  }

  /** The newest fixed-set scores, if any. */
  public Optional<EvalScores> lastScores() {
    return lastEvaluation.flatMap(EvalEntry::scores);
  }

  /** Wall-clock time from the first step journaled to the newest, pauses between runs included. */
  public Optional<Duration> wallSpan() {
    return firstStepAt.flatMap(from -> lastStepAt.map(to -> Duration.between(from, to)));
  }
}
