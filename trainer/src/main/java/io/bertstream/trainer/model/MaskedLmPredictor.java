package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/** Fill-mask: the most likely tokens, with probabilities, at masked positions. */
public final class MaskedLmPredictor {

  /** One candidate token for a masked position. */
  public record Prediction(int tokenId, float probability) {}

  private final BertForPreTraining model;

  public MaskedLmPredictor(BertForPreTraining model) {
    this.model = model;
  }

  /**
   * The top {@code k} tokens of a logits vector, most probable first.
   *
   * @param logits {@code [V]} scores at one position
   */
  public static List<Prediction> topK(NDArray logits, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be > 0, got " + k);
    }
    int kk = (int) Math.min(k, logits.size());
    NDList top = logits.toType(DataType.FLOAT32, false).softmax(-1).topK(kk, -1, true, true);
    float[] probs = top.get(0).toFloatArray();
    long[] ids = top.get(1).toType(DataType.INT64, false).toLongArray();
    List<Prediction> out = new ArrayList<>(kk);
    for (int i = 0; i < kk; i++) {
      out.add(new Prediction((int) ids[i], probs[i]));
    }
    return out;
  }

  /**
   * Runs the model (inference mode: no dropout) on one sequence and returns the top {@code k}
   * tokens at each of {@code positions}.
   *
   * @param manager where the temporary arrays live; close it (or a sub-manager) afterwards
   * @param inputIds the full sequence with {@code [MASK]} ids, e.g. {@code [CLS] … [SEP]}
   * @param tokenTypeIds the segment of each token (all 0 for a single sentence)
   * @param positions indices into {@code inputIds} to predict
   */
  public List<List<Prediction>> predict(
      NDManager manager, int[] inputIds, int[] tokenTypeIds, int[] positions, int k) {
    if (positions.length == 0) {
      return List.of();
    }
    int t = inputIds.length;
    Shape row = new Shape(1, t);
    NDList inputs =
        new NDList(
            manager.create(inputIds, row),
            manager.create(tokenTypeIds, row),
            manager.ones(row, DataType.INT32),
            manager.create(positions, new Shape(1, positions.length)));
    NDArray logits =
        model.forward(new ParameterStore(manager, false), inputs, false).get(0); // [1,P,V]
    List<List<Prediction>> out = new ArrayList<>(positions.length);
    for (int i = 0; i < positions.length; i++) {
      out.add(topK(logits.get(0).get(i), k));
    }
    return out;
  }
}
