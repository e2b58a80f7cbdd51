package io.bertstream.trainer.evaluation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The model's figures on the evaluation sample, averaged over it.
 *
 * @param mlmLoss masked-LM cross-entropy per masked token
 * @param mlmAccuracy share of masked tokens predicted exactly
 * @param nspAccuracy share of examples whose next-sentence label was predicted
 * @param examples examples in the sample
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvalScores(double mlmLoss, double mlmAccuracy, double nspAccuracy, long examples) {}
