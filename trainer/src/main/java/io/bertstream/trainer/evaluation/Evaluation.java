package io.bertstream.trainer.evaluation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.model.BatchArrays;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.PretrainingLoss;
import io.bertstream.trainer.model.StepOutcome;
import java.util.List;

/** Masked-LM loss and accuracy and next-sentence accuracy on a fixed evaluation sample. */
final class Evaluation {

  private final List<Batch> sample;

  Evaluation(List<Batch> sample) {
    this.sample = List.copyOf(sample);
  }

  boolean isEmpty() {
    return sample.isEmpty();
  }

  /** Runs the model in inference mode (no dropout) over the whole sample. */
  EvalScores run(BertForPreTraining model, NDManager parent) {
    double mlmLoss = 0;
    double mlmHits = 0;
    double nspHits = 0;
    long masked = 0;
    long examples = 0;
    for (Batch batch : sample) {
      try (NDManager manager = parent.newSubManager()) {
        BatchArrays arrays = BatchArrays.of(batch, manager);
        NDList out = model.forward(new ParameterStore(manager, false), arrays.inputs(), false);
        StepOutcome outcome =
            StepOutcome.of(
                PretrainingLoss.compute(
                    out.get(0),
                    out.get(1),
                    arrays.mlmLabels(),
                    arrays.mlmWeights(),
                    arrays.nspLabels()));
        long batchMasked = batch.maskedTokens();
        mlmLoss += outcome.mlmLoss() * batchMasked;
        mlmHits += outcome.mlmAccuracy() * batchMasked;
        nspHits += outcome.nspAccuracy() * batch.size();
        masked += batchMasked;
        examples += batch.size();
      }
    }
    return new EvalScores(
        masked == 0 ? Double.NaN : mlmLoss / masked,
        masked == 0 ? Double.NaN : mlmHits / masked,
        examples == 0 ? Double.NaN : nspHits / examples,
        examples);
  }
}
