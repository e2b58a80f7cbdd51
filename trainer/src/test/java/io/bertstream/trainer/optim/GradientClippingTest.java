package io.bertstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

  @Test
  void shouldScaleAllGradientsTogetherWhenTheGlobalNormExceedsTheLimit() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray a = m.create(new float[] {3, 0});
      NDArray b = m.create(new float[] {0, 4});
      // global norm √(9+16) = 5 -> scale 1/(5 + 1e-6)
      float norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1.0).getFloat();
      assertThat(norm).isCloseTo(5f, within(1e-6f));
      assertThat(a.toFloatArray()).containsExactly(new float[] {0.6f, 0}, within(1e-6f));
      assertThat(b.toFloatArray()).containsExactly(new float[] {0, 0.8f}, within(1e-6f));
    }
  }

  @Test
  void shouldLeaveGradientsAloneUnderTheLimitOrWhenDisabled() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray a = m.create(new float[] {0.3f, 0.4f});
      assertThat(GradientClipping.clipGlobalNorm(List.of(a), 1.0).getFloat())
          .isCloseTo(0.5f, within(1e-6f));
      assertThat(a.toFloatArray()).containsExactly(0.3f, 0.4f);
      NDArray big = m.create(new float[] {30, 40});
      GradientClipping.clipGlobalNorm(List.of(big), 0);
      assertThat(big.toFloatArray()).containsExactly(30f, 40f);
    }
  }
}
