package io.bertstream.trainer.evaluation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.bertstream.trainer.checkpoint.JournalEntry;
import io.bertstream.trainer.inference.FillMask;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One evaluation, a line of {@code metrics.jsonl}: {@code {"step":500,"eval_mlm_loss":6.19,
 * "eval_mlm_accuracy":0.13,"eval_nsp_accuracy":0.64,"eval_examples":256,"probes":{"the [MASK] of
 * the union":[[{"token":"state","probability":0.21},…]]}}}. The {@code eval_} fields are absent
 * when the evaluation topic gave no sample, {@code probes} when there are none.
 *
 * @param step the optimizer step evaluated after
 * @param scores the figures on the evaluation sample, empty without a sample
 * @param probes probe text → per {@code [MASK]} in order, the top guesses
 */
@JsonPropertyOrder({"step", "writtenScores", "probes"})
public record EvalEntry(
    long step,
    @JsonIgnore Optional<EvalScores> scores,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<List<FillMask.Guess>>> probes)
    implements JournalEntry {

  /** The evaluations' file name in the checkpoint directory. */
  public static final String FILE = "metrics.jsonl";

  public EvalEntry {
    probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
  }

  /** The scores as the line's flat {@code eval_} fields. */
  @JsonUnwrapped(prefix = "eval_")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  private EvalScores writtenScores() {
    return scores.orElse(null);
  }

  /** Reads a line; the scores are there when its {@code eval_} fields are. */
  @JsonCreator
  static EvalEntry read(
      @JsonProperty("step") long step,
      @JsonProperty("eval_mlm_loss") Double mlmLoss,
      @JsonProperty("eval_mlm_accuracy") Double mlmAccuracy,
      @JsonProperty("eval_nsp_accuracy") Double nspAccuracy,
      @JsonProperty("eval_examples") Long examples,
      @JsonProperty("probes") Map<String, List<List<FillMask.Guess>>> probes) {
    Optional<EvalScores> scores =
        examples == null
            ? Optional.empty()
            : Optional.of(new EvalScores(mlmLoss, mlmAccuracy, nspAccuracy, examples));
    return new EvalEntry(step, scores, probes == null ? Map.of() : probes);
  }
}
