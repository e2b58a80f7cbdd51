/**
 * Evaluation during training: masked-LM and next-sentence scores on a fixed set of the evaluation
 * topic (chosen once, recorded by its offsets in every checkpoint) and on its newest examples, both
 * read in the background, and the top guesses for probe texts, recorded as {@code metrics.jsonl}
 * lines.
 */
package io.bertstream.trainer.evaluation;
