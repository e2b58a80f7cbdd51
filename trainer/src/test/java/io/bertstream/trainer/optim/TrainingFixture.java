package io.bertstream.trainer.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.PretrainingLoss;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test helper: fixed random pretraining batches and one training step (forward to update). */
final class TrainingFixture {

  static final int CLS = 2;
  static final int SEP = 3;
  static final int MASK = 4;
  static final int FIRST_WORD = 5;

  private TrainingFixture() {}

  /** A padded batch as plain arrays, so each step can create it in its own sub-manager. */
  record Batch(
      int b,
      int t,
      int p,
      int[] ids,
      int[] types,
      int[] mask,
      int[] positions,
      int[] labels,
      float[] weights,
      int[] nsp) {

    NDList inputs(NDManager m) {
      return new NDList(
          m.create(ids, new Shape(b, t)),
          m.create(types, new Shape(b, t)),
          m.create(mask, new Shape(b, t)),
          m.create(positions, new Shape(b, p)));
    }

    int tokens() {
      return Arrays.stream(mask).sum();
    }
  }

  /**
   * {@code [CLS] A [SEP] B [SEP]} rows of random words, some shorter (padded), with up to {@code p}
   * masked positions each (replaced by [MASK]), random NSP labels.
   */
  static Batch randomBatch(Random rnd, int b, int t, int p, int vocab) {
    int[] ids = new int[b * t];
    int[] types = new int[b * t];
    int[] mask = new int[b * t];
    int[] positions = new int[b * p];
    int[] labels = new int[b * p];
    float[] weights = new float[b * p];
    int[] nsp = new int[b];
    for (int r = 0; r < b; r++) {
      int len = r % 3 == 2 ? t - t / 4 : t;
      int sepA = len / 2;
      for (int i = 0; i < len; i++) {
        int id = FIRST_WORD + rnd.nextInt(vocab - FIRST_WORD);
        if (i == 0) {
          id = CLS;
        } else if (i == sepA || i == len - 1) {
          id = SEP;
        }
        ids[r * t + i] = id;
        types[r * t + i] = i > sepA ? 1 : 0;
        mask[r * t + i] = 1;
      }
      List<Integer> candidates = new ArrayList<>();
      for (int i = 1; i < len - 1; i++) {
        if (i != sepA) {
          candidates.add(i);
        }
      }
      java.util.Collections.shuffle(candidates, rnd);
      int n = Math.max(1, Math.min(p, Math.round(candidates.size() * 0.15f)));
      List<Integer> chosen = new ArrayList<>(candidates.subList(0, n));
      java.util.Collections.sort(chosen);
      for (int j = 0; j < n; j++) {
        int pos = chosen.get(j);
        positions[r * p + j] = pos;
        labels[r * p + j] = ids[r * t + pos];
        weights[r * p + j] = 1;
        ids[r * t + pos] = MASK;
      }
      nsp[r] = rnd.nextInt(2);
    }
    return new Batch(b, t, p, ids, types, mask, positions, labels, weights, nsp);
  }

  /** Loss values of one step, read back before the step's arrays are freed. */
  record StepResult(float total, float mlm, float nsp, float mlmAccuracy) {}

  /** Forward, loss, backward and one optimizer step; every intermediate freed afterwards. */
  static StepResult step(
      BertForPreTraining model,
      AdamW optimizer,
      Map<String, Parameter> named,
      Batch batch,
      NDManager manager) {
    try (NDManager scratch = manager.newSubManager()) {
      StepResult result;
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDList out = model.forward(new ParameterStore(scratch, false), batch.inputs(scratch), true);
        PretrainingLoss.Result loss =
            PretrainingLoss.compute(
                out.get(0),
                out.get(1),
                scratch.create(batch.labels(), new Shape(batch.b(), batch.p())),
                scratch.create(batch.weights(), new Shape(batch.b(), batch.p())),
                scratch.create(batch.nsp()));
        gc.backward(loss.total());
        result =
            new StepResult(
                loss.total().getFloat(),
                loss.mlm().getFloat(),
                loss.nsp().getFloat(),
                loss.mlmAccuracy().getFloat());
      }
      optimizer.step(named);
      return result;
    }
  }

  static float maxAbsDiff(Map<String, Parameter> a, Map<String, Parameter> b) {
    float max = 0;
    for (Map.Entry<String, Parameter> e : a.entrySet()) {
      NDArray x = e.getValue().getArray();
      NDArray y = b.get(e.getKey()).getArray();
      try (NDArray d = x.sub(y).abs().max()) {
        max = Math.max(max, d.getFloat());
      }
    }
    return max;
  }
}
