package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack of encoder layers. Children are named {@code layer.0}, {@code layer.1}, … so that
 * parameter paths read like HuggingFace's {@code encoder.layer.0.…}.
 */
public final class BertEncoder extends AbstractBlock {

  private final List<BertLayer> layers = new ArrayList<>();

  public BertEncoder(BertConfig config) {
    for (int i = 0; i < config.numLayers(); i++) {
      layers.add(addChildBlock("layer." + i, new BertLayer(config)));
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray maskBias = inputs.get(1);
    for (BertLayer layer : layers) {
      x = layer.forward(ps, new NDList(x, maskBias), training).head();
    }
    return new NDList(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (BertLayer layer : layers) {
      layer.initialize(manager, dataType, inputShapes);
    }
  }
}
