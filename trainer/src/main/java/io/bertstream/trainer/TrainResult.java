package io.bertstream.trainer;

import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.huggingface.ImportReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a training run ended.
 *
 * @param step optimizer steps taken in total (including those before a resume)
 * @param stepsThisRun steps this run took
 * @param examples examples trained on in total
 * @param reason why the run stopped
 * @param lastLoss the last step's total loss (NaN when this run took no step)
 * @param checkpoint the newest checkpoint's directory (null if none was ever written)
 * @param skippedRecords records of the examples topic skipped by this run
 * @param tokensPerSecond real tokens trained per wall-clock second, from this run's second step on
 * @param inputWaitShare share of that wall time the loop waited for a batch
 * @param lastEvaluation this run's last evaluation (as appended to {@code metrics.jsonl}), empty
 *     when it evaluated nothing
 * @param imported what this run took from {@code --init-from} (loaded and fresh parameters), empty
 *     when it resumed a checkpoint or started from the seed
 * @param trainingTime training time in total, earlier runs included (what {@code --time-budget}
 *     counts)
 */
public record TrainResult(
    long step,
    long stepsThisRun,
    long examples,
    StopReason reason,
    double lastLoss,
    Path checkpoint,
    long skippedRecords,
    double tokensPerSecond,
    double inputWaitShare,
    Optional<EvalEntry> lastEvaluation,
    Optional<ImportReport> imported,
    Duration trainingTime) {

  /** Why a run stopped. */
  public enum StopReason {
    /** Reached --max-steps. */
    MAX_STEPS,
    /** Spent --time-budget. */
    TIME_BUDGET,
    /** No new batch within --idle-timeout. */
    IDLE,
    /** Asked to stop: {@link TrainerService#stop()}, which the command line calls on a signal. */
    STOPPED
  }
}
