package io.bertstream.trainer.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bertstream.trainer.checkpoint.JournalEntry;

/**
 * One line of {@code steps.jsonl}, one per optimizer step: what the dashboard and the report draw
 * besides the ledger's loss and learning rate, e.g. {@code {"step":12,"mlm_loss":6.1,
 * "nsp_loss":0.69,"mlm_accuracy":0.05,"nsp_accuracy":0.5,"grad_norm":1.8,"tokens":48211,
 * "tokens_per_second":5210.4,"input_wait_share":0.02,"consumer_lag":3410,"training_ms":81234,
 * "unix_ms":1767225600000}}.
 *
 * <p>These figures live beside the ledger, not in it: time, throughput and lag differ between an
 * uninterrupted and a resumed run, while the ledger must be equal line for line. Like the ledger,
 * the file is cut back to the resumed checkpoint's step when a run resumes.
 *
 * @param step the optimizer step
 * @param mlmLoss the step's masked-LM loss
 * @param nspLoss the step's next-sentence loss
 * @param mlmAccuracy share of the step's masked tokens predicted exactly
 * @param nspAccuracy share of the step's examples whose next-sentence label was predicted
 * @param gradNorm global gradient norm before clipping (NaN or infinite when the update was
 *     skipped)
 * @param tokens tokens trained on up to this step, earlier runs included; null after a checkpoint
 *     that predates counting them
 * @param tokensPerSecond throughput, smoothed over recent steps (0 on a run's first step)
 * @param inputWaitShare share of this run's wall time spent waiting for a batch
 * @param consumerLag committed examples of this pass not trained on yet
 * @param trainingMs training time up to this step, earlier runs included (what the time budget
 *     counts)
 * @param unixMs wall-clock time the step was journaled, Unix epoch milliseconds
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepFigures(
    long step,
    double mlmLoss,
    double nspLoss,
    double mlmAccuracy,
    double nspAccuracy,
    double gradNorm,
    Long tokens,
    double tokensPerSecond,
    double inputWaitShare,
    long consumerLag,
    long trainingMs,
    long unixMs)
    implements JournalEntry {

  /** The file's name in the checkpoint directory. */
  public static final String FILE = "steps.jsonl";
}
