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
 * "eval_mlm_accuracy":0.13,"eval_nsp_accuracy":0.64,"eval_examples":256,"recent_mlm_loss":6.3,
 * "recent_mlm_accuracy":0.12,"recent_nsp_accuracy":0.6,"recent_examples":96,"probes":{"the [MASK]
 * of the union":[[{"token":"state","probability":0.21},…]]}}}. The {@code eval_} fields (the fixed
 * set) are absent while it is not chosen or read yet, the {@code recent_} fields without a recent
 * set, {@code probes} when there are none.
 *
 * @param step the optimizer step evaluated after
 * @param scores the figures on the fixed evaluation set, empty without it
 * @param recent the figures on the newest examples of the eval topic, empty without them
 * @param probes probe text → per {@code [MASK]} in order, the top guesses
 */
@JsonPropertyOrder({"step", "writtenScores", "writtenRecent", "probes"})
public record EvalEntry(
    long step,
    @JsonIgnore Optional<EvalScores> scores,
    @JsonIgnore Optional<EvalScores> recent,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<List<FillMask.Guess>>> probes)
    implements JournalEntry {

  /** The evaluations' file name in the checkpoint directory. */
  public static final String FILE = "metrics.jsonl";

  public EvalEntry {
    probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
  }

  /** An evaluation without a recent set. */
  public EvalEntry(
      long step, Optional<EvalScores> scores, Map<String, List<List<FillMask.Guess>>> probes) {
    this(step, scores, Optional.empty(), probes);
  }

  /** The fixed set's scores as the line's flat {@code eval_} fields. */
  @JsonUnwrapped(prefix = "eval_")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  private EvalScores writtenScores() {
    return scores.orElse(null);
  }

  /** The recent set's scores as the line's flat {@code recent_} fields. */
  @JsonUnwrapped(prefix = "recent_")
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  private EvalScores writtenRecent() {
    return recent.orElse(null);
  }

  /** Reads a line; each set's scores are there when its fields are. */
  @JsonCreator
  static EvalEntry read(
      @JsonProperty("step") long step,
      @JsonProperty("eval_mlm_loss") Double mlmLoss,
      @JsonProperty("eval_mlm_accuracy") Double mlmAccuracy,
      @JsonProperty("eval_nsp_accuracy") Double nspAccuracy,
      @JsonProperty("eval_examples") Long examples,
      @JsonProperty("recent_mlm_loss") Double recentMlmLoss,
      @JsonProperty("recent_mlm_accuracy") Double recentMlmAccuracy,
      @JsonProperty("recent_nsp_accuracy") Double recentNspAccuracy,
      @JsonProperty("recent_examples") Long recentExamples,
      @JsonProperty("probes") Map<String, List<List<FillMask.Guess>>> probes) {
    return new EvalEntry(
        step,
        scores(mlmLoss, mlmAccuracy, nspAccuracy, examples),
        scores(recentMlmLoss, recentMlmAccuracy, recentNspAccuracy, recentExamples),
        probes == null ? Map.of() : probes);
  }

  private static Optional<EvalScores> scores(
      Double mlmLoss, Double mlmAccuracy, Double nspAccuracy, Long examples) {
    return examples == null
        ? Optional.empty()
        : Optional.of(new EvalScores(mlmLoss, mlmAccuracy, nspAccuracy, examples));
  }
}
