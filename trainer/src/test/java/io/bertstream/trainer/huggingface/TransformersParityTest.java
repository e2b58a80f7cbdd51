package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.PretrainingLoss;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The imported model computes what transformers computed for the same weights and batch, in eval
 * mode: masked-LM logits at every position, next-sentence logits, and the pretraining loss
 * (transformers': cross-entropy over the labels that are not -100, plus next-sentence
 * cross-entropy).
 */
class TransformersParityTest {

  private static final float TOLERANCE = 1e-5f;

  private NDManager manager;
  private Map<String, NDArray> expected;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
    expected = Fixtures.expected(manager);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private NDList forward(BertForPreTraining model, NDArray positions) {
    NDList inputs =
        new NDList(
            ints(expected.get("input_ids")),
            ints(expected.get("token_type_ids")),
            ints(expected.get("attention_mask")),
            positions);
    return model.forward(new ParameterStore(manager, false), inputs, false);
  }

  private static NDArray ints(NDArray a) {
    return a.toType(DataType.INT32, false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pretraining", "sharded", "legacy"})
  void shouldGiveTransformersLogitsAtEveryPosition(String variant) throws IOException {
    BertForPreTraining model = Fixtures.load(variant, manager).model();
    Shape ids = expected.get("input_ids").getShape();
    NDArray every =
        manager.arange(0, (int) ids.get(1), 1, DataType.INT32).expandDims(0).repeat(0, ids.get(0));
    NDList out = forward(model, every);

    NDArray mlm = expected.get("prediction_logits");
    assertThat(out.get(0).getShape()).isEqualTo(mlm.getShape());
    assertThat(out.get(0).toFloatArray()).containsExactly(mlm.toFloatArray(), within(TOLERANCE));
    NDArray nsp = expected.get("seq_relationship_logits");
    assertThat(out.get(1).getShape()).isEqualTo(nsp.getShape());
    assertThat(out.get(1).toFloatArray()).containsExactly(nsp.toFloatArray(), within(TOLERANCE));
    // the logits are not trivially small: a tolerance of 1e-5 means something
    assertThat(mlm.abs().max().getFloat()).isGreaterThan(1f);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pretraining", "legacy"})
  void shouldGiveTransformersLossForTheMaskedLabels(String variant) throws IOException {
    BertForPreTraining model = Fixtures.load(variant, manager).model();
    long[] labels = expected.get("labels").toLongArray();
    Shape shape = expected.get("labels").getShape();
    int rows = (int) shape.get(0);
    int cols = (int) shape.get(1);
    List<List<Integer>> masked = new ArrayList<>();
    int width = 0;
    for (int r = 0; r < rows; r++) {
      List<Integer> row = new ArrayList<>();
      for (int c = 0; c < cols; c++) {
        if (labels[r * cols + c] != -100) {
          row.add(c);
        }
      }
      masked.add(row);
      width = Math.max(width, row.size());
    }
    int[] positions = new int[rows * width];
    int[] targets = new int[rows * width];
    float[] weights = new float[rows * width];
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < masked.get(r).size(); k++) {
        int c = masked.get(r).get(k);
        positions[r * width + k] = c;
        targets[r * width + k] = (int) labels[r * cols + c];
        weights[r * width + k] = 1f;
      }
    }
    Shape p = new Shape(rows, width);
    NDList out = forward(model, manager.create(positions, p));
    PretrainingLoss.Result loss =
        PretrainingLoss.compute(
            out.get(0),
            out.get(1),
            manager.create(targets, p),
            manager.create(weights, p),
            ints(expected.get("next_sentence_label")));

    assertThat(loss.mlm().getFloat())
        .isCloseTo(expected.get("mlm_loss").getFloat(), within(TOLERANCE));
    assertThat(loss.nsp().getFloat())
        .isCloseTo(expected.get("nsp_loss").getFloat(), within(TOLERANCE));
    assertThat(loss.total().getFloat())
        .isCloseTo(expected.get("loss").getFloat(), within(TOLERANCE));
  }
}
