package io.bertstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BertForPreTrainingTest {

  private static final BertConfig TINY =
      BertConfig.preset("tiny", 50).toBuilder().maxPositions(16).build();

  private NDManager manager;
  private BertForPreTraining model;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
    Engine.getEngine("PyTorch").setRandomSeed(7);
    model = new BertForPreTraining(TINY);
    model.initialize(manager);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  private NDList inputs(int[][] ids, int[][] types, int[][] mask, int[][] positions) {
    return new NDList(matrix(ids), matrix(types), matrix(mask), matrix(positions));
  }

  private NDArray matrix(int[][] rows) {
    int cols = rows[0].length;
    int[] flat = new int[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return manager.create(flat, new Shape(rows.length, cols));
  }

  private NDList eval(NDList inputs) {
    return model.forward(new ParameterStore(manager, false), inputs, false);
  }

  @Test
  void shouldReturnLogitsOnlyAtMaskedPositionsAndTwoNspLogits() {
    NDList out =
        eval(
            inputs(
                new int[][] {{2, 5, 6, 3, 7, 3, 0}, {2, 8, 9, 3, 10, 11, 3}},
                new int[][] {{0, 0, 0, 0, 1, 1, 0}, {0, 0, 0, 0, 1, 1, 1}},
                new int[][] {{1, 1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1, 1}},
                new int[][] {{1, 4, 0}, {2, 5, 6}}));
    assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 3, 50));
    assertThat(out.get(0).getDataType()).isEqualTo(DataType.FLOAT32);
    assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 2));
  }

  @Test
  void shouldGiveTheSameOutputsWhenPaddingIsAppended() {
    NDList plain =
        eval(
            inputs(
                new int[][] {{2, 5, 6, 3, 7, 3}},
                new int[][] {{0, 0, 0, 0, 1, 1}},
                new int[][] {{1, 1, 1, 1, 1, 1}},
                new int[][] {{1, 4}}));
    NDList padded =
        eval(
            inputs(
                new int[][] {{2, 5, 6, 3, 7, 3, 0, 0, 0}},
                new int[][] {{0, 0, 0, 0, 1, 1, 0, 0, 0}},
                new int[][] {{1, 1, 1, 1, 1, 1, 0, 0, 0}},
                new int[][] {{1, 4}}));
    assertThat(padded.get(0).toFloatArray())
        .containsExactly(plain.get(0).toFloatArray(), within(1e-5f));
    assertThat(padded.get(1).toFloatArray())
        .containsExactly(plain.get(1).toFloatArray(), within(1e-5f));
  }

  @Test
  void shouldRefuseSequencesLongerThanMaxPositions() {
    int[][] ids = {new int[17]};
    assertThatThrownBy(() -> eval(inputs(ids, ids, ids, new int[][] {{0}})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPositions");
  }

  @Test
  void shouldShareOneParameterBetweenWordEmbeddingsAndMlmDecoder() {
    Map<String, Parameter> named = HuggingFaceNames.of(model);
    Parameter words = named.get("bert.embeddings.word_embeddings.weight");
    long tables =
        model.getParameters().values().stream()
            .filter(p -> p.getShape().equals(new Shape(50, 128)))
            .count();
    assertThat(tables).isEqualTo(1);

    // Backward through the MLM logits only: embedding rows never fed as input (40..49) still
    // get gradient, which can only come through the decoder.
    NDList in =
        inputs(
            new int[][] {{2, 5, 6, 3}},
            new int[][] {{0, 0, 0, 0}},
            new int[][] {{1, 1, 1, 1}},
            new int[][] {{1, 2}});
    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
      NDList out = model.forward(new ParameterStore(manager, false), in, true);
      gc.backward(out.get(0).sum());
    }
    NDArray grad = words.getArray().getGradient();
    float unusedRows = grad.get(new NDIndex("40:")).abs().sum().getFloat();
    assertThat(unusedRows).isGreaterThan(0f);
  }

  @Test
  void shouldInitializeWeightsNormalLayerNormOnesAndBiasesZero() {
    Map<String, Parameter> named = HuggingFaceNames.of(model);
    NDArray words = named.get("bert.embeddings.word_embeddings.weight").getArray();
    float std = words.sub(words.mean()).square().mean().sqrt().getFloat();
    assertThat(std).isCloseTo(0.02f, within(0.002f));
    List<String> checked = new ArrayList<>();
    named.forEach(
        (name, p) -> {
          if (name.endsWith("LayerNorm.weight")) {
            assertThat(p.getArray().toFloatArray()).containsOnly(1f);
            checked.add(name);
          } else if (name.endsWith(".bias")) {
            assertThat(p.getArray().toFloatArray()).containsOnly(0f);
            checked.add(name);
          }
        });
    // per layer 6 biases + 2 LayerNorms; embeddings LN; pooler bias; MLM bias, dense bias, LN; NSP
    assertThat(checked).hasSize(2 * (6 + 4) + 2 + 1 + 4 + 1);
  }
}
