package io.bertstream.trainer.evaluation;

import ai.djl.ndarray.NDManager;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.input.OffsetRange;
import io.bertstream.trainer.model.BertForPreTraining;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the model between training steps: its scores on the fixed evaluation set and on the
 * recent one ({@link EvalSets}, read in the background: an evaluation uses what has been read and
 * never waits for the eval topic) and the top guesses for each probe text. Logs them and returns
 * them as one {@link EvalEntry}.
 */
public final class Evaluator {

  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private final EvalSets sets;
  private final BertTokenizer tokenizer;
  private final List<String> probes;
  private final int topK;

  /**
   * @param sets the evaluation sets; the caller owns and closes them
   * @param probes texts with {@code [MASK]} markers
   * @param topK guesses kept per {@code [MASK]}
   */
  public Evaluator(EvalSets sets, BertTokenizer tokenizer, List<String> probes, int topK) {
    this.sets = sets;
    this.tokenizer = tokenizer;
    this.probes = List.copyOf(probes);
    this.topK = topK;
  }

  /** Reads the fixed set if the eval topic holds it already; see {@link EvalSets#start()}. */
  public void start() {
    sets.start();
  }

  /** Starts reading what the next evaluation needs, in the background. */
  public void prepare() {
    sets.refresh();
  }

  /** The fixed set's offset ranges on the eval topic, to checkpoint; empty until chosen. */
  public SortedMap<Integer, OffsetRange> evalSet() {
    return sets.ranges();
  }

  /** Evaluates {@code model} (inference mode, no dropout) after {@code step}. */
  public EvalEntry evaluate(long step, BertForPreTraining model, NDManager manager) {
    Optional<EvalScores> scores =
        sets.fixed().map(set -> new Evaluation(set.batches()).run(model, manager));
    Optional<EvalScores> recent =
        sets.recent().map(set -> new Evaluation(set.batches()).run(model, manager));
    scores.ifPresent(s -> LOG.info(line("eval", step, s)));
    recent.ifPresent(s -> LOG.info(line("recent eval", step, s)));
    if (scores.isEmpty()) {
      LOG.info("eval at step {}: the fixed evaluation set is not read yet", step);
    }
    FillMask fillMask = new FillMask(model, tokenizer);
    Map<String, List<List<FillMask.Guess>>> guesses = new LinkedHashMap<>();
    for (String probe : probes) {
      List<List<FillMask.Guess>> atMasks = fillMask.predict(manager, probe, topK);
      guesses.put(probe, atMasks);
      for (List<FillMask.Guess> atMask : atMasks) {
        LOG.info("probe \"{}\": {}", probe, FillMask.format(atMask));
      }
    }
    return new EvalEntry(step, scores, recent, guesses);
  }

  private static String line(String what, long step, EvalScores s) {
    return String.format(
        Locale.ROOT,
        "%s at step %d: mlm loss %.4f, mlm accuracy %.3f, nsp accuracy %.3f (%d examples)",
        what,
        step,
        s.mlmLoss(),
        s.mlmAccuracy(),
        s.nspAccuracy(),
        s.examples());
  }
}
