/**
 * Fill-mask on a trained model: loading a checkpoint for inference and turning {@code [MASK]} texts
 * into the model's top guesses.
 */
package io.bertstream.trainer.inference;
