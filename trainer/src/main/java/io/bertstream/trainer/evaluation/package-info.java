/**
 * Evaluation during training: masked-LM and next-sentence scores on a fixed sample of the
 * evaluation topic, and the top guesses for probe texts, recorded as {@code metrics.jsonl} lines.
 */
package io.bertstream.trainer.evaluation;
