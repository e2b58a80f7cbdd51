package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention with separate query/key/value projections. Input
 * {@code (x [B,T,H], maskBias [B,1,1,T])} where maskBias is 0 for real tokens and a large negative
 * number for padding; output the per-token context {@code [B,T,H]} before the output projection.
 */
public final class BertSelfAttention extends AbstractBlock {

  private final BertConfig config;
  private final Linear query;
  private final Linear key;
  private final Linear value;
  private final Dropout dropout;

  public BertSelfAttention(BertConfig config) {
    this.config = config;
    query = addChildBlock("query", Layers.linear(config.hiddenSize()));
    key = addChildBlock("key", Layers.linear(config.hiddenSize()));
    value = addChildBlock("value", Layers.linear(config.hiddenSize()));
    dropout = addChildBlock("dropout", Layers.dropout(config.attentionDropout()));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray maskBias = inputs.get(1);
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    NDArray q = heads(query.forward(ps, new NDList(x), training).head(), b, t);
    NDArray k = heads(key.forward(ps, new NDList(x), training).head(), b, t);
    NDArray v = heads(value.forward(ps, new NDList(x), training).head(), b, t);
    NDArray scores;
    // Not div(float): DJL 0.35.1 wraps the number in a tensor over a Java direct buffer that it
    // drops on return, yet autograd keeps that tensor for the backward pass, which then reads
    // freed memory whenever the JVM collected the buffer in between (gradients scaled by garbage,
    // now and then). full() puts the divisor in PyTorch's own memory, which autograd keeps alive.
    try (NDArray divisor =
        x.getManager().full(new Shape(), (float) Math.sqrt(config.headSize()), x.getDataType())) {
      scores = q.matMul(k.transpose(0, 1, 3, 2)).div(divisor).add(maskBias); // [B, nh, T, T]
    }
    NDArray probs = dropout.forward(ps, new NDList(scores.softmax(-1)), training).head();
    NDArray context = probs.matMul(v); // [B, nh, T, dh]
    return new NDList(context.transpose(0, 2, 1, 3).reshape(b, t, config.hiddenSize()));
  }

  /** [B,T,H] to [B,nh,T,dh]. */
  private NDArray heads(NDArray projected, long b, long t) {
    return projected.reshape(b, t, config.numHeads(), config.headSize()).transpose(0, 2, 1, 3);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape hidden = inputShapes[0];
    query.initialize(manager, dataType, hidden);
    key.initialize(manager, dataType, hidden);
    value.initialize(manager, dataType, hidden);
    long b = hidden.get(0);
    long t = hidden.get(1);
    dropout.initialize(manager, dataType, new Shape(b, config.numHeads(), t, t));
  }
}
