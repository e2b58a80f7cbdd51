package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Masked-LM head computed only at the masked positions: gather {@code [B,P,H]} from the sequence
 * output, transform, then decode with the word-embedding table (tied, not a parameter of this
 * block) plus this block's own {@code bias [V]}. Input {@code (sequence [B,T,H], maskedPositions
 * [B,P])}, output logits {@code [B,P,V]}.
 */
public final class MaskedLmHead extends AbstractBlock {

  private final BertConfig config;
  private final Parameter decoderWeight;
  private final Parameter bias;
  private final PredictionTransform transform;

  /**
   * @param config sizes
   * @param wordEmbeddings the table the decoder shares with the input embeddings
   */
  public MaskedLmHead(BertConfig config, Parameter wordEmbeddings) {
    this.config = config;
    this.decoderWeight = wordEmbeddings;
    bias =
        addParameter(
            Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(config.vocabSize()))
                .build());
    transform = addChildBlock("transform", new PredictionTransform(config));
  }

  /** Rows {@code positions [B,P]} of {@code sequence [B,T,H]}: {@code [B,P,H]}. */
  static NDArray gatherPositions(NDArray sequence, NDArray positions) {
    Shape p = positions.getShape();
    NDArray index =
        positions
            .toType(DataType.INT64, false)
            .expandDims(2)
            .broadcast(p.get(0), p.get(1), sequence.getShape().get(2));
    return sequence.gather(index, 1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray sequence = inputs.get(0);
    NDArray gathered = gatherPositions(sequence, inputs.get(1));
    NDArray h = transform.forward(ps, new NDList(gathered), training).head();
    NDArray table = ps.getValue(decoderWeight, sequence.getDevice(), training);
    NDArray b = ps.getValue(bias, sequence.getDevice(), training);
    return Linear.linear(h, table, b);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[1].add(config.vocabSize())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    transform.initialize(manager, dataType, inputShapes[1].add(config.hiddenSize()));
  }
}
