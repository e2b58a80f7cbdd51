package io.bertstream.cli;

import io.bertstream.runtime.Progress;
import io.bertstream.trainer.RunStatus;
import io.bertstream.trainer.TrainingListener;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The quickstart's one progress line for training, over this run's time budget: {@code step
 * 1050/2000 loss 6.846 | eval 6.189 | 4916 tokens/s} (the eval figure is the last evaluation's
 * masked-LM loss), with the time left. The trainer reports each step on its thread; the
 * quickstart's thread draws the newest report with {@link #refresh}, as a live line on a terminal
 * or as a line every so often and at each new evaluation otherwise.
 */
final class TrainingProgress implements TrainingListener {

  private final Duration trainedBefore;
  private final Duration budget;
  private final long lastStep;
  private volatile RunStatus latest;
  private long shownEvaluation = -1;

  /**
   * @param trainedBefore the training time of the checkpoint the run resumes (the budget is on top)
   * @param budget this run's training time
   * @param lastStep the step the run stops at, 0 when only the budget ends it
   */
  TrainingProgress(Duration trainedBefore, Duration budget, long lastStep) {
    this.trainedBefore = trainedBefore;
    this.budget = budget;
    this.lastStep = lastStep;
  }

  @Override
  public void statusReported(RunStatus report) {
    latest = report;
  }

  /** Shows the newest report on {@code line}: at once when it brings a new evaluation. */
  void refresh(Progress line) {
    RunStatus report = latest;
    if (report == null) {
      return;
    }
    long done = Math.max(0, report.trainingTime().minus(trainedBefore).toSeconds());
    long total = budget.toSeconds();
    long evaluated = report.lastEvaluation().map(EvalEntry::step).orElse(-1L);
    if (evaluated != shownEvaluation) {
      shownEvaluation = evaluated;
      line.milestone(done, total, () -> detail(report));
    } else {
      line.update(done, total, () -> detail(report));
    }
  }

  String detail(RunStatus report) {
    StringBuilder text =
        new StringBuilder("step ")
            .append(report.step())
            .append(lastStep > 0 ? "/" + lastStep : "")
            .append(String.format(Locale.ROOT, " loss %.3f", report.loss()));
    Optional<EvalScores> scores = report.lastEvaluation().flatMap(EvalEntry::scores);
    scores.ifPresent(s -> text.append(String.format(Locale.ROOT, " | eval %.3f", s.mlmLoss())));
    if (report.tokensPerSecond() > 0) {
      // The trainer measures from its second step on.
      text.append(String.format(Locale.ROOT, " | %.0f tokens/s", report.tokensPerSecond()));
    }
    return text.toString();
  }
}
