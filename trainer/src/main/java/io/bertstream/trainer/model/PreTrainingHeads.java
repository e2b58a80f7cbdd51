package io.bertstream.trainer.model;

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
 * The masked-LM head ({@code predictions}) and the next-sentence head ({@code seq_relationship}, a
 * dense layer to 2 logits on the pooled output). Input {@code (sequence, pooled, maskedPositions)},
 * output {@code (mlmLogits [B,P,V], nspLogits [B,2])}.
 */
public final class PreTrainingHeads extends AbstractBlock {

  private final BertConfig config;
  private final MaskedLmHead predictions;
  private final Linear seqRelationship;

  public PreTrainingHeads(BertConfig config, Parameter wordEmbeddings) {
    this.config = config;
    predictions = addChildBlock("predictions", new MaskedLmHead(config, wordEmbeddings));
    seqRelationship = addChildBlock("seq_relationship", Layers.linear(2));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList mlm = predictions.forward(ps, new NDList(inputs.get(0), inputs.get(2)), training);
    NDList nsp = seqRelationship.forward(ps, new NDList(inputs.get(1)), training);
    return new NDList(mlm.head(), nsp.head());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {
      inputShapes[2].add(config.vocabSize()), new Shape(inputShapes[1].get(0), 2)
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    predictions.initialize(manager, dataType, inputShapes[0], inputShapes[2]);
    seqRelationship.initialize(manager, dataType, inputShapes[1]);
  }
}
