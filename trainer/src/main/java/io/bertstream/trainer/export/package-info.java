/**
 * Publishing a trained model: a checkpoint turned into a clean HuggingFace model directory
 * (weights, config, tokenizer files, a model card), written beside its destination and renamed into
 * place.
 */
package io.bertstream.trainer.export;
