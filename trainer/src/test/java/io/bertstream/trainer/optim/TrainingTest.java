package io.bertstream.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The model and optimizer together: learning, determinism, exact resume. */
class TrainingTest {

  private static final BertConfig SMALL =
      BertConfig.preset("tiny", 64).toBuilder()
          .hiddenSize(64)
          .intermediateSize(128)
          .maxPositions(64)
          .build();

  private static List<TrainingFixture.Batch> batches(long seed, int n) {
    Random rnd = new Random(seed);
    List<TrainingFixture.Batch> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(TrainingFixture.randomBatch(rnd, 8, 32, 5, SMALL.vocabSize()));
    }
    return out;
  }

  private static AdamW adamw(int maxSteps) {
    return AdamW.builder()
        .optLearningRate(
            LearningRateSchedule.of(1e-3, 10, maxSteps, LearningRateSchedule.Decay.CONSTANT))
        .build();
  }

  private static BertForPreTraining newModel(NDManager manager, long seed) {
    Engine.getEngine("PyTorch").setRandomSeed((int) seed);
    BertForPreTraining model = new BertForPreTraining(SMALL);
    model.initialize(manager);
    return model;
  }

  @Test
  void shouldDriveMlmLossWellBelowItsStartOnAFixedSet() {
    List<TrainingFixture.Batch> data = batches(11, 2);
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        AdamW opt = adamw(0)) {
      BertForPreTraining model = newModel(manager, 1);
      Map<String, Parameter> named = HuggingFaceNames.of(model);
      float first = 0;
      float last = 0;
      for (int step = 0; step < 150; step++) {
        TrainingFixture.StepResult r =
            TrainingFixture.step(model, opt, named, data.get(step % data.size()), manager);
        if (step < 2) {
          first += r.mlm() / 2;
        }
        if (step >= 148) {
          last += r.mlm() / 2;
        }
      }
      // start ≈ ln 64 ≈ 4.2; memorising 2 batches of random words takes it far lower
      assertThat(first).isGreaterThan(3.5f);
      assertThat(last).isLessThan(first * 0.3f);
    }
  }

  @Test
  void shouldProduceIdenticalParametersFromTwoRunsWithTheSameSeed() {
    List<TrainingFixture.Batch> data = batches(5, 3);
    try (NDManager m1 = NDManager.newBaseManager("PyTorch");
        NDManager m2 = NDManager.newBaseManager("PyTorch");
        AdamW o1 = adamw(20);
        AdamW o2 = adamw(20)) {
      Map<String, Parameter> a = train(m1, o1, data, 6, 42);
      Map<String, Parameter> b = train(m2, o2, data, 6, 42);
      assertThat(TrainingFixture.maxAbsDiff(a, b)).isZero();
    }
  }

  private static Map<String, Parameter> train(
      NDManager manager, AdamW opt, List<TrainingFixture.Batch> data, int steps, long seed) {
    BertForPreTraining model = newModel(manager, seed);
    Map<String, Parameter> named = HuggingFaceNames.of(model);
    for (int step = 0; step < steps; step++) {
      TrainingFixture.step(model, opt, named, data.get(step % data.size()), manager);
    }
    return named;
  }

  @Test
  void shouldContinueBitForBitAfterExportingAndImportingParametersAndOptimizerState()
      throws IOException {
    List<TrainingFixture.Batch> data = batches(9, 6);
    int total = 6;
    int split = 3;
    try (NDManager straightManager = NDManager.newBaseManager("PyTorch");
        NDManager resumedManager = NDManager.newBaseManager("PyTorch");
        AdamW straight = adamw(20);
        AdamW before = adamw(20);
        AdamW after = adamw(20)) {
      // Dropout draws from the engine's generator: seed it per step, as the trainer does.
      BertForPreTraining model = newModel(straightManager, 3);
      Map<String, Parameter> named = HuggingFaceNames.of(model);
      for (int step = 0; step < total; step++) {
        Engine.getEngine("PyTorch").setRandomSeed(1000 + step);
        TrainingFixture.step(model, straight, named, data.get(step), straightManager);
      }

      BertForPreTraining first = newModel(resumedManager, 3);
      Map<String, Parameter> firstNamed = HuggingFaceNames.of(first);
      for (int step = 0; step < split; step++) {
        Engine.getEngine("PyTorch").setRandomSeed(1000 + step);
        TrainingFixture.step(first, before, firstNamed, data.get(step), resumedManager);
      }
      byte[] checkpoint = checkpoint(resumedManager, firstNamed, before);

      // A different model instance, initialised differently, restored from the bytes.
      BertForPreTraining second = newModel(resumedManager, 77);
      Map<String, Parameter> secondNamed = HuggingFaceNames.of(second);
      NDList restored = NDList.decode(resumedManager, new ByteArrayInputStream(checkpoint));
      for (NDArray array : restored) {
        Parameter p = secondNamed.get(array.getName());
        if (p != null) {
          p.getArray().set(array.toByteBuffer());
        }
      }
      after.importState(restored);
      for (int step = split; step < total; step++) {
        Engine.getEngine("PyTorch").setRandomSeed(1000 + step);
        TrainingFixture.step(second, after, secondNamed, data.get(step), resumedManager);
      }

      assertThat(TrainingFixture.maxAbsDiff(named, secondNamed)).isZero();
      assertThat(after.stepOf("bert.pooler.dense.weight")).isEqualTo(total);
    }
  }

  private static byte[] checkpoint(NDManager manager, Map<String, Parameter> named, AdamW opt)
      throws IOException {
    NDList all = new NDList();
    named.forEach(
        (name, p) -> {
          NDArray copy = p.getArray().duplicate();
          copy.setName(name);
          all.add(copy);
        });
    all.addAll(opt.exportState(manager));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    all.encode(out, NDList.Encoding.SAFETENSORS);
    return out.toByteArray();
  }
}
