package io.bertstream.trainer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * BERT with its two pretraining heads, as HuggingFace's {@code BertForPreTraining}.
 *
 * <p>Input, in this order: {@code inputIds [B,T]} int32, {@code tokenTypeIds [B,T]} int32, {@code
 * attentionMask [B,T]} (1 real, 0 padding), {@code maskedPositions [B,P]} int32 (padded with 0).
 * Output: {@code mlmLogits [B,P,V]} float32 (only at the masked positions) and {@code nspLogits
 * [B,2]} (index 0 = B follows A, 1 = B is random, HuggingFace's convention).
 *
 * <p>Weights start N(0, initializerRange), LayerNorm gamma 1 and beta 0, biases 0. Child names
 * follow HuggingFace's module names, so {@link HuggingFaceNames} maps each parameter onto a state
 * dict key of the same shape.
 */
public final class BertForPreTraining extends AbstractBlock {

  private final BertConfig config;
  private final BertModel bert;
  private final PreTrainingHeads cls;

  @SuppressWarnings("this-escape")
  public BertForPreTraining(BertConfig config) {
    this.config = config;
    bert = addChildBlock("bert", new BertModel(config));
    cls =
        addChildBlock(
            "cls", new PreTrainingHeads(config, bert.embeddings().wordEmbeddings().weight()));
    NormalInitializer normal = new NormalInitializer((float) config.initializerRange());
    setInitializer(normal, Parameter.Type.WEIGHT);
  }

  public BertConfig config() {
    return config;
  }

  /**
   * Initialises every parameter from the engine's random generator (seed it first for reproducible
   * weights). The shapes used are nominal: any batch and length work afterwards.
   */
  public void initialize(NDManager manager) {
    Shape ids = new Shape(1, 8);
    initialize(manager, DataType.FLOAT32, ids, ids, ids, new Shape(1, 2));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() != 4) {
      throw new IllegalArgumentException(
          "expected (inputIds, tokenTypeIds, attentionMask, maskedPositions), got "
              + inputs.size()
              + " arrays");
    }
    NDList encoded =
        bert.forward(ps, new NDList(inputs.get(0), inputs.get(1), inputs.get(2)), training);
    return cls.forward(ps, new NDList(encoded.get(0), encoded.get(1), inputs.get(3)), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {
      inputShapes[3].add(config.vocabSize()), new Shape(inputShapes[0].get(0), 2)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    bert.initialize(manager, dataType, ids, inputShapes[1], inputShapes[2]);
    Shape hidden = ids.add(config.hiddenSize());
    cls.initialize(
        manager, dataType, hidden, new Shape(ids.get(0), config.hiddenSize()), inputShapes[3]);
  }
}
