package io.bertstream.trainer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The feed-forward layer's expansion: {@code gelu(dense(x))} with the exact (erf) GELU. */
public final class BertIntermediate extends AbstractBlock {

  private final BertConfig config;
  private final Linear dense;

  public BertIntermediate(BertConfig config) {
    this.config = config;
    dense = addChildBlock("dense", Layers.linear(config.intermediateSize()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(Activation.gelu(dense.forward(ps, inputs, training).head()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0].slice(0, 2).add(config.intermediateSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    dense.initialize(manager, dataType, inputShapes[0]);
  }
}
