package io.bertstream.trainer.dashboard;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.history.Baseline;
import io.bertstream.trainer.history.CheckpointMark;
import io.bertstream.trainer.history.RunHistory;
import io.bertstream.trainer.history.RunSummary;
import io.bertstream.trainer.history.Smoothing;
import io.bertstream.trainer.history.StepFigures;
import io.bertstream.trainer.history.Thinning;
import io.bertstream.trainer.history.TrainPoint;
import io.bertstream.trainer.inference.FillMask;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The document of {@code GET /api/history}: the run's history as columns, the shape uPlot draws
 * ({@code train.step[i]} with {@code train.loss[i]}, …). A value that is not known or not finite is
 * null. Long runs are thinned to at most {@code maxPoints} train points (every n-th step and the
 * newest); the smoothed loss is computed over every step before thinning. Evaluations and
 * checkpoints are few and always complete.
 *
 * @param summary the figures at the top of the page
 * @param baseline the masked-LM loss to beat, null when unknown
 * @param train per step: losses, learning rate, throughput, input wait, lag, training time
 * @param eval per evaluation on the fixed set (and the recent examples, where evaluated)
 * @param checkpoints per checkpoint: step and time
 * @param probes the newest probe predictions, null before the first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryJson(
    Summary summary,
    Baseline baseline,
    Train train,
    Eval eval,
    Checkpoints checkpoints,
    Probes probes) {

  /** The top of the page; figures that are not known yet are null. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(
      long step,
      long examples,
      Long tokens,
      Double trainingSeconds,
      Long lastStepUnixMs,
      Double loss,
      Long evalStep,
      Double evalMlmLoss,
      Double evalMlmAccuracy,
      Double evalNspAccuracy,
      Long bestEvalStep,
      Double bestEvalMlmLoss,
      int checkpoints) {}

  /**
   * Train points, thinned.
   *
   * @param totalPoints steps in the history before thinning
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Train(
      int totalPoints,
      List<Long> step,
      List<Double> loss,
      List<Double> lossSmoothed,
      List<Double> mlmLoss,
      List<Double> nspLoss,
      List<Double> learningRate,
      List<Double> tokensPerSecond,
      List<Double> inputWaitShare,
      List<Double> consumerLag,
      List<Double> trainingSeconds) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Eval(
      List<Long> step,
      List<Double> mlmLoss,
      List<Double> mlmAccuracy,
      List<Double> nspAccuracy,
      List<Double> recentMlmLoss) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Checkpoints(List<Long> step, List<Long> unixMs) {}

  /** The probes' predictions at {@code step}: per probe text, per {@code [MASK]}, the guesses. */
  public record Probes(long step, List<Probe> probes) {}

  public record Probe(String text, List<List<FillMask.Guess>> masks) {}

  /** {@code history} as the page draws it, at most {@code maxPoints} train points. */
  public static HistoryJson of(RunHistory history, Optional<Baseline> baseline, int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("maxPoints must be >= 2, got " + maxPoints);
    }
    return new HistoryJson(
        summary(RunSummary.of(history, baseline)),
        baseline.orElse(null),
        train(history.steps(), maxPoints),
        eval(history.evaluations()),
        new Checkpoints(
            history.checkpoints().stream().map(CheckpointMark::step).toList(),
            history.checkpoints().stream().map(CheckpointMark::unixMs).toList()),
        history
            .latestProbes()
            .map(
                e ->
                    new Probes(
                        e.step(),
                        e.probes().entrySet().stream()
                            .map(p -> new Probe(p.getKey(), p.getValue()))
                            .toList()))
            .orElse(null));
  }

  private static Summary summary(RunSummary run) {
    Optional<EvalScores> last = run.lastScores();
    Optional<EvalEntry> best = run.bestEvaluation();
    return new Summary(
        run.steps(),
        run.examples(),
        run.tokens().isPresent() ? run.tokens().getAsLong() : null,
        run.trainingTime().map(t -> t.toMillis() / 1000.0).orElse(null),
        run.lastStepAt().map(t -> t.toEpochMilli()).orElse(null),
        run.finalLoss().isPresent() ? finite(run.finalLoss().getAsDouble()) : null,
        run.lastEvaluation().map(EvalEntry::step).orElse(null),
        last.map(s -> finite(s.mlmLoss())).orElse(null),
        last.map(s -> finite(s.mlmAccuracy())).orElse(null),
        last.map(s -> finite(s.nspAccuracy())).orElse(null),
        best.map(EvalEntry::step).orElse(null),
        best.flatMap(EvalEntry::scores).map(s -> finite(s.mlmLoss())).orElse(null),
        run.checkpoints());
  }

  private static Train train(List<TrainPoint> all, int maxPoints) {
    double[] smoothedAll =
        Smoothing.ema(all.stream().mapToDouble(TrainPoint::loss).toArray(), Smoothing.DEFAULT_SPAN);
    List<Integer> kept = Thinning.indices(all.size(), maxPoints);
    List<TrainPoint> points = kept.stream().map(all::get).toList();
    return new Train(
        all.size(),
        points.stream().map(TrainPoint::step).toList(),
        points.stream().map(p -> finite(p.loss())).toList(),
        kept.stream().map(i -> finite(smoothedAll[i])).toList(),
        figure(points, StepFigures::mlmLoss),
        figure(points, StepFigures::nspLoss),
        column(points, p -> p.ledger().learningRate()),
        figure(points, StepFigures::tokensPerSecond),
        figure(points, StepFigures::inputWaitShare),
        figure(points, f -> f.consumerLag()),
        figure(points, f -> f.trainingMs() / 1000.0));
  }

  private static Eval eval(List<EvalEntry> evaluations) {
    List<EvalEntry> scored = evaluations.stream().filter(e -> e.scores().isPresent()).toList();
    return new Eval(
        scored.stream().map(EvalEntry::step).toList(),
        scores(scored, EvalEntry::scores, EvalScores::mlmLoss),
        scores(scored, EvalEntry::scores, EvalScores::mlmAccuracy),
        scores(scored, EvalEntry::scores, EvalScores::nspAccuracy),
        scores(scored, EvalEntry::recent, EvalScores::mlmLoss));
  }

  private static List<Double> figure(List<TrainPoint> points, ToDoubleFunction<StepFigures> value) {
    return points.stream()
        .map(p -> p.figures().map(f -> finite(value.applyAsDouble(f))).orElse(null))
        .toList();
  }

  private static List<Double> column(List<TrainPoint> points, Function<TrainPoint, Double> value) {
    return points.stream().map(p -> value.apply(p)).map(v -> v == null ? null : finite(v)).toList();
  }

  private static List<Double> scores(
      List<EvalEntry> entries,
      Function<EvalEntry, Optional<EvalScores>> set,
      ToDoubleFunction<EvalScores> value) {
    return entries.stream()
        .map(e -> set.apply(e).map(s -> finite(value.applyAsDouble(s))).orElse(null))
        .toList();
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
