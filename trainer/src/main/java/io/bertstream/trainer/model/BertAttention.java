package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Self-attention followed by its output projection, residual and LayerNorm. */
public final class BertAttention extends AbstractBlock {

  private final BertSelfAttention self;
  private final ResidualOutput output;

  public BertAttention(BertConfig config) {
    self = addChildBlock("self", new BertSelfAttention(config));
    output = addChildBlock("output", new ResidualOutput(config));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray context = self.forward(ps, inputs, training).head();
    return output.forward(ps, new NDList(context, x), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    self.initialize(manager, dataType, inputShapes);
    output.initialize(manager, dataType, inputShapes[0], inputShapes[0]);
  }
}
