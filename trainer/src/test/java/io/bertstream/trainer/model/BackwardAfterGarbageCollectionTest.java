package io.bertstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Autograd keeps tensors from the forward pass until the backward pass. Any of them whose memory
 * belongs to a Java direct buffer that the forward pass already let go of (DJL's temporary scalars)
 * is read after the garbage collector freed it: gradients then depend on when the JVM collected,
 * and training stops being reproducible. This test collects between forward and backward and
 * refills the freed blocks; the gradients must not change.
 */
class BackwardAfterGarbageCollectionTest {

  private static final BertConfig TINY =
      BertConfig.preset("tiny", 50).toBuilder().maxPositions(16).build();
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);
  private static final float POISON = 1e30f;

  @Test
  void shouldComputeTheSameGradientsWhenTheJvmFreesAndReusesMemoryBeforeBackward() {
    Map<String, float[]> undisturbed = gradients(false);
    for (int attempt = 0; attempt < 3; attempt++) {
      Map<String, float[]> disturbed = gradients(true);
      assertThat(disturbed.keySet()).isEqualTo(undisturbed.keySet());
      for (String name : undisturbed.keySet()) {
        assertThat(differing(disturbed.get(name), undisturbed.get(name)))
            .as("elements of the gradient of %s that differ", name)
            .isZero();
      }
    }
  }

  /** One training forward and backward of a freshly initialised model on a fixed batch. */
  private static Map<String, float[]> gradients(boolean collectBeforeBackward) {
    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      engine.setRandomSeed(7);
      BertForPreTraining model = new BertForPreTraining(TINY);
      model.initialize(manager);
      Map<String, float[]> gradients = new LinkedHashMap<>();
      try (NDManager batch = manager.newSubManager()) {
        NDList inputs =
            new NDList(
                batch.create(new int[] {2, 5, 4, 3, 7, 8, 3, 0, 2, 9, 10, 3, 4, 11, 12, 3}, ids()),
                batch.create(new int[] {0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1}, ids()),
                batch.create(new int[] {1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1}, ids()),
                batch.create(new int[] {2, 0, 4, 0}, new Shape(2, 2)));
        engine.setRandomSeed(11);
        List<ByteBuffer> reused = List.of();
        try (GradientCollector collector = engine.newGradientCollector()) {
          long before = directBuffers().getCount();
          NDList out = model.forward(new ParameterStore(batch, false), inputs, true);
          PretrainingLoss.Result loss =
              PretrainingLoss.compute(
                  out.get(0),
                  out.get(1),
                  batch.create(new int[] {6, 0, 9, 0}, new Shape(2, 2)),
                  batch.create(new float[] {1, 0, 1, 0}, new Shape(2, 2)),
                  batch.create(new int[] {0, 1}));
          if (collectBeforeBackward) {
            reused = freeAndReuse(before);
          }
          collector.backward(loss.total());
          // The refilled blocks stay taken until the backward pass has read whatever it reads.
          Reference.reachabilityFence(reused);
        }
        for (Map.Entry<String, Parameter> e : HuggingFaceNames.of(model).entrySet()) {
          gradients.put(e.getKey(), e.getValue().getArray().getGradient().toFloatArray());
        }
      }
      return gradients;
    }
  }

  private static int differing(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    int count = 0;
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
        count++;
      }
    }
    return count;
  }

  private static Shape ids() {
    return new Shape(2, 8);
  }

  /**
   * Collects until every direct buffer created since {@code countBefore} and no longer referenced
   * is freed, then allocates small buffers holding {@link #POISON}, which take over freed blocks.
   */
  private static List<ByteBuffer> freeAndReuse(long countBefore) {
    BufferPoolMXBean direct = directBuffers();
    long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
    while (direct.getCount() > countBefore) {
      assertThat(System.nanoTime())
          .as("unreferenced direct buffers freed within %s", RELEASE_TIMEOUT)
          .isLessThan(deadline);
      System.gc();
    }
    List<ByteBuffer> poison = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      poison.add(ByteBuffer.allocateDirect(Float.BYTES).order(ByteOrder.nativeOrder()));
      poison.get(i).putFloat(0, POISON);
    }
    return poison;
  }

  private static BufferPoolMXBean directBuffers() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct"))
        .findFirst()
        .orElseThrow();
  }
}
