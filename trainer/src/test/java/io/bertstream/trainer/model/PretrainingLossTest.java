package io.bertstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PretrainingLossTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void shouldAverageMlmOverRealMaskedPositionsOnlyAndNspOverExamples() {
    // [B=2, P=2, V=2]; example 0's second slot is padding (weight 0) with a huge would-be loss
    var mlmLogits = manager.create(new float[] {2, 0, 0, 100, 0, 3, 1, 0}, new Shape(2, 2, 2));
    var labels = manager.create(new int[] {1, 0, 1, 0}, new Shape(2, 2));
    var weights = manager.create(new float[] {1, 0, 1, 1}, new Shape(2, 2));
    var nspLogits = manager.create(new float[] {0, 1, 2, 0}, new Shape(2, 2));
    var nspLabels = manager.create(new int[] {1, 1});

    PretrainingLoss.Result r =
        PretrainingLoss.compute(mlmLogits, nspLogits, labels, weights, nspLabels);

    // -log softmax: log(1+e²) = 2.126928 (wrong), log(1+e⁻³) = 0.048587, log(1+e⁻¹) = 0.313262
    double mlm = (2.126928 + 0.048587 + 0.313262) / 3;
    double nsp = (0.313262 + 2.126928) / 2;
    assertThat(r.mlm().getFloat()).isCloseTo((float) mlm, within(1e-5f));
    assertThat(r.nsp().getFloat()).isCloseTo((float) nsp, within(1e-5f));
    assertThat(r.total().getFloat()).isCloseTo((float) (mlm + nsp), within(1e-5f));
    assertThat(r.mlmAccuracy().getFloat()).isCloseTo(2f / 3, within(1e-6f));
    assertThat(r.nspAccuracy().getFloat()).isCloseTo(0.5f, within(1e-6f));
  }

  @Test
  void shouldGiveZeroMlmLossWhenNoPositionIsMasked() {
    var mlmLogits = manager.create(new float[] {2, 0}, new Shape(1, 1, 2));
    var r =
        PretrainingLoss.compute(
            mlmLogits,
            manager.create(new float[] {0, 0}, new Shape(1, 2)),
            manager.create(new int[] {0}, new Shape(1, 1)),
            manager.create(new float[] {0}, new Shape(1, 1)),
            manager.create(new int[] {0}));
    assertThat(r.mlm().getFloat()).isEqualTo(0f);
    assertThat(r.nsp().getFloat()).isCloseTo((float) Math.log(2), within(1e-6f));
  }

  @Test
  void shouldSumMicroBatchTermsToTheWholeBatchsMeans() {
    // The batch of the first test split into its two examples: 2 masked positions, then 1.
    var mlm0 = manager.create(new float[] {2, 0, 0, 100}, new Shape(1, 2, 2));
    var mlm1 = manager.create(new float[] {0, 3, 1, 0}, new Shape(1, 2, 2));
    var first =
        PretrainingLoss.compute(
            mlm0,
            manager.create(new float[] {0, 1}, new Shape(1, 2)),
            manager.create(new int[] {1, 0}, new Shape(1, 2)),
            manager.create(new float[] {1, 0}, new Shape(1, 2)),
            manager.create(new int[] {1}),
            3,
            2);
    var second =
        PretrainingLoss.compute(
            mlm1,
            manager.create(new float[] {2, 0}, new Shape(1, 2)),
            manager.create(new int[] {1, 0}, new Shape(1, 2)),
            manager.create(new float[] {1, 1}, new Shape(1, 2)),
            manager.create(new int[] {1}),
            3,
            2);

    double mlm = (2.126928 + 0.048587 + 0.313262) / 3;
    double nsp = (0.313262 + 2.126928) / 2;
    assertThat(first.mlm().getFloat() + second.mlm().getFloat())
        .isCloseTo((float) mlm, within(1e-5f));
    assertThat(first.nsp().getFloat() + second.nsp().getFloat())
        .isCloseTo((float) nsp, within(1e-5f));
    assertThat(first.total().getFloat() + second.total().getFloat())
        .isCloseTo((float) (mlm + nsp), within(1e-5f));
    assertThat(first.mlmAccuracy().getFloat() + second.mlmAccuracy().getFloat())
        .isCloseTo(2f / 3, within(1e-6f));
    assertThat(first.nspAccuracy().getFloat() + second.nspAccuracy().getFloat())
        .isCloseTo(0.5f, within(1e-6f));
  }
}
