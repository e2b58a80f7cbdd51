package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** {@code tanh(dense(x[:, 0]))}: the sequence summary read from the first ([CLS]) token. */
public final class BertPooler extends AbstractBlock {

  private final BertConfig config;
  private final Linear dense;

  public BertPooler(BertConfig config) {
    this.config = config;
    dense = addChildBlock("dense", Layers.linear(config.hiddenSize()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray first = inputs.head().get(new NDIndex(":, 0, :"));
    return new NDList(dense.forward(ps, new NDList(first), training).head().tanh());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), config.hiddenSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    dense.initialize(manager, dataType, new Shape(inputShapes[0].get(0), config.hiddenSize()));
  }
}
