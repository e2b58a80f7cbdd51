package io.bertstream.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.bertstream.trainer.input.Batch;

/**
 * A batch as arrays on the model's device, in the model's input contract. On the CPU their memory
 * is the Java direct buffers DJL created them from, and autograd keeps some of them (embedding ids,
 * MLM weights) for the backward pass: keep them open until it has run.
 *
 * @param inputs inputIds [B,T], tokenTypeIds [B,T], attentionMask [B,T], maskedPositions [B,P]
 * @param mlmLabels [B,P] int32
 * @param mlmWeights [B,P] float32
 * @param nspLabels [B] int32
 */
public record BatchArrays(NDList inputs, NDArray mlmLabels, NDArray mlmWeights, NDArray nspLabels) {

  public static BatchArrays of(Batch batch, NDManager manager) {
    Shape tokens = new Shape(batch.size(), batch.sequenceLength());
    Shape masked = new Shape(batch.size(), batch.predictions());
    NDList inputs =
        new NDList(
            manager.create(batch.inputIds(), tokens),
            manager.create(batch.tokenTypeIds(), tokens),
            manager.create(batch.attentionMask(), tokens),
            manager.create(batch.maskedPositions(), masked));
    return new BatchArrays(
        inputs,
        manager.create(batch.maskedLabels(), masked),
        manager.create(batch.maskedWeights(), masked),
        manager.create(batch.nextSentenceLabels(), new Shape(batch.size())));
  }
}
