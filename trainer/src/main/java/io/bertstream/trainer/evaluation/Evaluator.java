package io.bertstream.trainer.evaluation;

import ai.djl.ndarray.NDManager;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.model.BertForPreTraining;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the model between training steps: its scores on the fixed evaluation sample (read on
 * the first evaluation, so a run that never evaluates never reads it) and the top guesses for each
 * probe text. Logs both and returns them as one {@link EvalEntry}.
 */
public final class Evaluator {

  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private final Supplier<List<Batch>> readSample;
  private final BertTokenizer tokenizer;
  private final List<String> probes;
  private final int topK;
  private Evaluation evaluation;

  /**
   * @param readSample reads the evaluation sample, called once
   * @param probes texts with {@code [MASK]} markers
   * @param topK guesses kept per {@code [MASK]}
   */
  public Evaluator(
      Supplier<List<Batch>> readSample, BertTokenizer tokenizer, List<String> probes, int topK) {
    this.readSample = readSample;
    this.tokenizer = tokenizer;
    this.probes = List.copyOf(probes);
    this.topK = topK;
  }

  /** Evaluates {@code model} (inference mode, no dropout) after {@code step}. */
  public EvalEntry evaluate(long step, BertForPreTraining model, NDManager manager) {
    if (evaluation == null) {
      evaluation = new Evaluation(readSample.get());
    }
    Optional<EvalScores> scores =
        evaluation.isEmpty() ? Optional.empty() : Optional.of(evaluation.run(model, manager));
    scores.ifPresent(
        s ->
            LOG.info(
                String.format(
                    Locale.ROOT,
                    "eval at step %d: mlm loss %.4f, mlm accuracy %.3f, nsp accuracy %.3f (%d"
                        + " examples)",
                    step,
                    s.mlmLoss(),
                    s.mlmAccuracy(),
                    s.nspAccuracy(),
                    s.examples())));
    FillMask fillMask = new FillMask(model, tokenizer);
    Map<String, List<List<FillMask.Guess>>> guesses = new LinkedHashMap<>();
    for (String probe : probes) {
      List<List<FillMask.Guess>> atMasks = fillMask.predict(manager, probe, topK);
      guesses.put(probe, atMasks);
      for (List<FillMask.Guess> atMask : atMasks) {
        LOG.info("probe \"{}\": {}", probe, FillMask.format(atMask));
      }
    }
    return new EvalEntry(step, scores, guesses);
  }
}
