/**
 * Fill-mask on a trained model: loading any BERT directory (a checkpoint, an export, a published
 * HuggingFace model) for inference and turning {@code [MASK]} texts into the model's top guesses.
 */
package io.bertstream.trainer.inference;
