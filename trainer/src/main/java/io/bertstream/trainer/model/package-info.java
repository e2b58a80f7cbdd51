/**
 * BERT for pretraining composed from DJL's general blocks (not DJL's {@code BertBlock}, which
 * computes a different model), its inputs as arrays ({@link
 * io.bertstream.trainer.model.BatchArrays}), its loss, and fill-mask prediction. Parameter names
 * map one-to-one onto HuggingFace's {@code BertForPreTraining} state dict through {@link
 * io.bertstream.trainer.model.HuggingFaceNames}.
 */
package io.bertstream.trainer.model;
