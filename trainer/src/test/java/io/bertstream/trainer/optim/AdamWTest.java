package io.bertstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdamWTest {

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  /** torch.optim.AdamW's arithmetic in doubles, for one scalar. */
  private static double[] reference(
      double p, double[] grads, double[] lrs, double wd, double b1, double b2, double eps) {
    double m = 0;
    double v = 0;
    double[] out = new double[grads.length];
    for (int t = 1; t <= grads.length; t++) {
      double g = grads[t - 1];
      double lr = lrs[t - 1];
      p *= 1 - lr * wd;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
      p -= lr / (1 - Math.pow(b1, t)) * m / denom;
      out[t - 1] = p;
    }
    return out;
  }

  private Parameter parameter(String name, float... values) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    p.setArray(manager.create(values));
    p.getArray().setRequiresGradient(true);
    return p;
  }

  /** Sets the gradient of each parameter to {@code g·w} by differentiating {@code Σ g·w}. */
  private void backward(Map<String, Parameter> params, float[] g) {
    try (NDManager scratch = manager.newSubManager();
        GradientCollector gc = manager.getEngine().newGradientCollector()) {
      NDArray total = null;
      for (Parameter p : params.values()) {
        NDArray term = p.getArray().mul(scratch.create(g)).sum();
        total = total == null ? term : total.add(term);
      }
      gc.backward(total);
    }
  }

  @Test
  void shouldFollowTorchAdamWWithDecoupledDecayOnlyOnWeights() {
    LearningRateSchedule schedule =
        new LearningRateSchedule(0.1, 2, 4, LearningRateSchedule.Decay.LINEAR);
    double[] lrs = {0.05, 0.1, 0.1, 0.05};
    float[][] grads = {{0.5f, -0.1f}, {0.2f, 0.3f}, {-0.4f, 0.05f}, {1.5f, -2f}};
    Map<String, Parameter> params = new LinkedHashMap<>();
    params.put("layer.dense.weight", parameter("weight", 1, -2));
    params.put("layer.dense.bias", parameter("bias", 1, -2));
    try (AdamW adamw =
        AdamW.builder().optLearningRate(schedule).optWeightDecays(0.1f).optMaxGradNorm(0).build()) {
      for (float[] g : grads) {
        backward(params, g);
        AdamW.StepStats stats = adamw.step(params);
        assertThat(stats.learningRate()).isEqualTo((float) lrs[(int) stats.step() - 1]);
      }
      for (int i = 0; i < 2; i++) {
        double[] g = new double[grads.length];
        for (int t = 0; t < grads.length; t++) {
          g[t] = grads[t][i];
        }
        double start = i == 0 ? 1 : -2;
        double[] decayed = reference(start, g, lrs, 0.1, 0.9, 0.999, 1e-6);
        double[] plain = reference(start, g, lrs, 0, 0.9, 0.999, 1e-6);
        assertThat(params.get("layer.dense.weight").getArray().toFloatArray()[i])
            .isCloseTo((float) decayed[3], within(1e-6f));
        assertThat(params.get("layer.dense.bias").getArray().toFloatArray()[i])
            .isCloseTo((float) plain[3], within(1e-6f));
      }
      assertThat(adamw.stepOf("layer.dense.weight")).isEqualTo(4);
    }
  }

  @Test
  void shouldZeroGradientsAfterEachStepAndReportThePreClipNorm() {
    Map<String, Parameter> params = Map.of("w", parameter("weight", 1, 1));
    try (AdamW adamw = AdamW.builder().optMaxGradNorm(1.0).build()) {
      backward(params, new float[] {3, 4});
      assertThat(adamw.step(params).gradNorm()).isCloseTo(5f, within(1e-5f));
      assertThat(params.get("w").getArray().getGradient().toFloatArray()).containsOnly(0f);
    }
  }

  @Test
  void shouldStepOnAFreshThreadWhereAutogradRecordingIsOnByDefault() throws Exception {
    Map<String, Parameter> params = Map.of("w", parameter("weight", 1, 1));
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread fresh =
        new Thread(
            () -> {
              try (AdamW adamw = AdamW.builder().build()) {
                backward(params, new float[] {1, -1});
                adamw.step(params);
              } catch (Throwable t) {
                failure.set(t);
              }
            });
    fresh.start();
    fresh.join();

    assertThat(failure.get()).isNull();
    assertThat(params.get("w").getArray().toFloatArray()).doesNotContain(1f);
  }

  @Test
  void shouldSkipTheUpdateWhenAGradientIsNotFinite() {
    Map<String, Parameter> params = new LinkedHashMap<>();
    params.put("a.weight", parameter("weight", 1, 2));
    params.put("b.weight", parameter("weight", 3, 4));
    try (AdamW adamw = AdamW.builder().build()) {
      backward(params, new float[] {Float.NaN, 1});

      AdamW.StepStats stats = adamw.step(params);

      assertThat(stats.skipped()).isTrue();
      assertThat(params.get("a.weight").getArray().toFloatArray()).containsExactly(1f, 2f);
      assertThat(params.get("b.weight").getArray().toFloatArray()).containsExactly(3f, 4f);
      assertThat(params.get("a.weight").getArray().getGradient().toFloatArray()).containsOnly(0f);

      backward(params, new float[] {1, 1});
      assertThat(adamw.step(params).skipped()).isFalse();
      assertThat(adamw.stepOf("a.weight")).isEqualTo(1);
      assertThat(params.get("b.weight").getArray().toFloatArray()).doesNotContain(Float.NaN);
    }
  }

  @Test
  void shouldExemptBiasesAndLayerNormFromWeightDecayByName() {
    assertThat(AdamW.decaysByDefault("bert.encoder.layer.0.attention.self.query.weight")).isTrue();
    assertThat(AdamW.decaysByDefault("bert.embeddings.word_embeddings.weight")).isTrue();
    assertThat(AdamW.decaysByDefault("bert.encoder.layer.0.output.dense.bias")).isFalse();
    assertThat(AdamW.decaysByDefault("bert.embeddings.LayerNorm.weight")).isFalse();
    assertThat(AdamW.decaysByDefault("cls.predictions.bias")).isFalse();
  }

  @Test
  void shouldRoundTripStateThroughSafetensorsExactly() throws Exception {
    Map<String, Parameter> params = Map.of("a.weight", parameter("weight", 1, 2, 3));
    try (AdamW adamw = AdamW.builder().build();
        AdamW restored = AdamW.builder().build()) {
      backward(params, new float[] {0.1f, -0.2f, 0.3f});
      adamw.step(params);
      NDList state = adamw.exportState(manager);
      assertThat(state)
          .extracting(NDArray::getName)
          .containsExactly(
              "adamw/exp_avg/a.weight", "adamw/exp_avg_sq/a.weight", "adamw/step/a.weight");

      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      state.encode(bytes, NDList.Encoding.SAFETENSORS);
      NDList decoded = NDList.decode(manager, new ByteArrayInputStream(bytes.toByteArray()));
      restored.importState(decoded);
      NDList again = restored.exportState(manager);
      assertThat(restored.stepOf("a.weight")).isEqualTo(1);
      for (int i = 0; i < state.size(); i++) {
        assertThat(again.get(i).getName()).isEqualTo(state.get(i).getName());
        assertThat(again.get(i).contentEquals(state.get(i))).isTrue();
      }
    }
  }

  @Test
  void shouldRefuseIncompleteState() {
    try (AdamW adamw = AdamW.builder().build()) {
      NDArray lonely = manager.zeros(new ai.djl.ndarray.types.Shape(2));
      lonely.setName("adamw/exp_avg/x");
      assertThatThrownBy(() -> adamw.importState(new NDList(lonely)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("x");
    }
  }
}
