package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * BERT's pretraining objective: masked-LM cross-entropy averaged over the real masked positions,
 * plus next-sentence cross-entropy averaged over the batch.
 */
public final class PretrainingLoss {

  private PretrainingLoss() {}

  /**
   * Loss terms and accuracies, all scalars on the logits' device and manager.
   *
   * @param total mlm + nsp, the value to differentiate
   * @param mlm mean masked-LM cross-entropy over real masked positions
   * @param nsp mean next-sentence cross-entropy
   * @param mlmAccuracy share of real masked positions whose arg-max is the label
   * @param nspAccuracy share of examples whose next-sentence arg-max is the label
   */
  public record Result(
      NDArray total, NDArray mlm, NDArray nsp, NDArray mlmAccuracy, NDArray nspAccuracy) {}

  /**
   * @param mlmLogits {@code [B,P,V]}
   * @param nspLogits {@code [B,2]}
   * @param mlmLabels {@code [B,P]} original token ids; padded slots must still hold a valid id
   *     (e.g. 0) and are ignored through the weights
   * @param mlmWeights {@code [B,P]} 1 for a real masked position, 0 for padding
   * @param nspLabels {@code [B]} 0 when B follows A, 1 when B is random
   */
  public static Result compute(
      NDArray mlmLogits,
      NDArray nspLogits,
      NDArray mlmLabels,
      NDArray mlmWeights,
      NDArray nspLabels) {
    NDArray weights = mlmWeights.toType(DataType.FLOAT32, false);
    // A batch with no masked position gives 0, not NaN.
    NDArray count = weights.sum().maximum(1f);
    NDArray mlmLabels64 = mlmLabels.toType(DataType.INT64, false);
    NDArray mlmLogProbs = mlmLogits.logSoftmax(-1);
    NDArray picked = mlmLogProbs.gather(mlmLabels64.expandDims(-1), -1).squeeze(-1);
    NDArray mlm = picked.mul(weights).sum().neg().div(count);
    NDArray mlmHits =
        mlmLogits.argMax(-1).eq(mlmLabels64).toType(DataType.FLOAT32, false).mul(weights);
    NDArray mlmAccuracy = mlmHits.sum().div(count);

    NDArray nspLabels64 = nspLabels.toType(DataType.INT64, false).reshape(-1, 1);
    NDArray nspPicked = nspLogits.logSoftmax(-1).gather(nspLabels64, -1);
    NDArray nsp = nspPicked.mean().neg();
    NDArray nspAccuracy =
        nspLogits.argMax(-1).eq(nspLabels64.reshape(-1)).toType(DataType.FLOAT32, false).mean();
    return new Result(mlm.add(nsp), mlm, nsp, mlmAccuracy, nspAccuracy);
  }

  /**
   * The terms of one micro-batch of a larger (accumulated) batch, divided by the larger batch's
   * counts instead of its own: masked-LM sums over this micro-batch's masked positions divided by
   * {@code maskedTokens}, next-sentence sums over its examples divided by {@code examples}. Summed
   * over the micro-batches (as their gradients are), each term is the larger batch's mean, exactly
   * as if it had been one batch.
   *
   * @param maskedTokens real masked positions in the whole larger batch (0 counts as 1)
   * @param examples examples in the whole larger batch
   */
  public static Result compute(
      NDArray mlmLogits,
      NDArray nspLogits,
      NDArray mlmLabels,
      NDArray mlmWeights,
      NDArray nspLabels,
      long maskedTokens,
      long examples) {
    if (examples < 1) {
      throw new IllegalArgumentException("examples must be >= 1, got " + examples);
    }
    float masked = Math.max(1, maskedTokens);
    NDArray weights = mlmWeights.toType(DataType.FLOAT32, false);
    NDArray mlmLabels64 = mlmLabels.toType(DataType.INT64, false);
    NDArray picked = mlmLogits.logSoftmax(-1).gather(mlmLabels64.expandDims(-1), -1).squeeze(-1);
    NDArray mlm = picked.mul(weights).sum().neg().div(masked);
    NDArray mlmAccuracy =
        mlmLogits
            .argMax(-1)
            .eq(mlmLabels64)
            .toType(DataType.FLOAT32, false)
            .mul(weights)
            .sum()
            .div(masked);
    NDArray nspLabels64 = nspLabels.toType(DataType.INT64, false).reshape(-1, 1);
    NDArray nsp = nspLogits.logSoftmax(-1).gather(nspLabels64, -1).sum().neg().div(examples);
    NDArray nspAccuracy =
        nspLogits
            .argMax(-1)
            .eq(nspLabels64.reshape(-1))
            .toType(DataType.FLOAT32, false)
            .sum()
            .div(examples);
    return new Result(mlm.add(nsp), mlm, nsp, mlmAccuracy, nspAccuracy);
  }
}
