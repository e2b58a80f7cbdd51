package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.HuggingFaceNames;
import io.bertstream.trainer.model.StepOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --accumulate}: the gradients of 4 micro-batches of 8, each loss divided by the counts of
 * all 32 examples, give the step one batch of 32 gives — its loss terms and, step after step, its
 * parameters (dropout off, so the two runs see the same network).
 */
class GradientAccumulationTest {

  private static final long SEED = 7;
  private static final int STEPS = 3;

  @Test
  void shouldTrainFourMicroBatchesOfEightAsOneBatchOfThirtyTwo() {
    BertConfig config = TrainingSessionTest.config().toBuilder().dropout(0).build();
    List<Batch> whole = TrainingSessionTest.batches(STEPS, 32, 0);
    List<Batch> micro = TrainingSessionTest.batches(4 * STEPS, 8, 0);
    try (TrainingSession one = TrainingSession.create(config, TestRuns.OPTIMIZATION, 0, SEED);
        TrainingSession accumulated =
            TrainingSession.create(config, TestRuns.OPTIMIZATION, 0, SEED)) {
      for (int step = 1; step <= STEPS; step++) {
        StepOutcome expected = one.train(whole.get(step - 1), step, SEED);
        StepOutcome actual = accumulated.train(micro.subList(4 * (step - 1), 4 * step), step, SEED);

        assertThat(actual.loss()).as("loss").isCloseTo(expected.loss(), within(1e-5));
        assertThat(actual.mlmLoss()).as("mlm").isCloseTo(expected.mlmLoss(), within(1e-5));
        assertThat(actual.nspLoss()).as("nsp").isCloseTo(expected.nspLoss(), within(1e-5));
        assertThat(actual.mlmAccuracy()).isCloseTo(expected.mlmAccuracy(), within(1e-6));
        assertThat(actual.nspAccuracy()).isCloseTo(expected.nspAccuracy(), within(1e-6));
        assertThat(expected.gradNorm()).as("the step's gradient norm").isPositive().isFinite();
        assertThat(actual.gradNorm())
            .as("the same gradients, summed over micro-batches")
            .isCloseTo(expected.gradNorm(), within(1e-5 * expected.gradNorm()));
      }
      Map<String, float[]> expected = values(one);
      Map<String, float[]> actual = values(accumulated);
      double largestChange = 0;
      for (String name : expected.keySet()) {
        assertThat(maxAbsDiff(actual.get(name), expected.get(name)))
            .as(name)
            .isLessThanOrEqualTo(1e-5);
      }
      try (TrainingSession untrained =
          TrainingSession.create(config, TestRuns.OPTIMIZATION, 0, SEED)) {
        Map<String, float[]> initial = values(untrained);
        for (String name : expected.keySet()) {
          largestChange =
              Math.max(largestChange, maxAbsDiff(initial.get(name), expected.get(name)));
        }
      }
      assertThat(largestChange).as("the steps moved the parameters").isGreaterThan(1e-3);
    }
  }

  @Test
  void shouldSplitMaskedTokensUnevenlyAndStillWeighEveryTokenAlike() {
    BertConfig config = TrainingSessionTest.config().toBuilder().dropout(0).build();
    List<Batch> examples = TrainingSessionTest.batches(1, 12, 100);
    // 3 + 9 examples: a mean per micro-batch, summed, would weigh the first three 3 times more.
    List<Batch> uneven =
        List.of(
            TrainingSessionTest.batches(1, 3, 100).get(0),
            TrainingSessionTest.batches(1, 9, 103).get(0));
    try (TrainingSession one = TrainingSession.create(config, TestRuns.OPTIMIZATION, 0, SEED);
        TrainingSession accumulated =
            TrainingSession.create(config, TestRuns.OPTIMIZATION, 0, SEED)) {
      StepOutcome expected = one.train(examples.get(0), 1, SEED);
      StepOutcome actual = accumulated.train(uneven, 1, SEED);

      assertThat(actual.mlmLoss()).isCloseTo(expected.mlmLoss(), within(1e-5));
      assertThat(actual.nspLoss()).isCloseTo(expected.nspLoss(), within(1e-5));
    }
  }

  private static Map<String, float[]> values(TrainingSession session) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> entry : HuggingFaceNames.of(session.model()).entrySet()) {
      NDArray array = entry.getValue().getArray();
      values.put(entry.getKey(), array.toFloatArray());
    }
    return values;
  }

  /** Summation order differs between one batch and accumulated micro-batches: float tolerance. */
  private static double maxAbsDiff(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
