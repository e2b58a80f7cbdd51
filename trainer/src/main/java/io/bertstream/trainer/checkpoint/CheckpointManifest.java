package io.bertstream.trainer.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.input.OffsetRange;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a checkpoint holds, written last into it ({@code manifest.json}): a checkpoint directory
 * without a readable manifest whose listed files all have their recorded sizes is incomplete.
 *
 * <p>Format 2 checkpoints are HuggingFace model directories (the tokenizer as its four files);
 * format 1 ones held one copy of the tokenizer file, named by {@code tokenizerFile}, and are still
 * read.
 *
 * @param format layout version of the checkpoint directory
 * @param step optimizer steps taken; also the learning-rate schedule's position
 * @param seed the run's seed; step {@code n} seeds the engine with {@code seed + n}
 * @param examples examples trained on so far
 * @param tokens tokens (padding excluded) trained on so far; null in checkpoints that predate it
 * @param tokenizerId fingerprint of the tokenizer the model was trained with
 * @param tokenizerFile format 1: the tokenizer's file name inside the checkpoint; null from format
 *     2 on (the directory holds the HuggingFace tokenizer files)
 * @param topic the examples topic the offsets belong to
 * @param initFrom the HuggingFace directory the run's first weights came from ({@code
 *     --init-from}); null when they came from the seed
 * @param input the pass, next offset per partition and the round-robin cursor: where reading
 *     resumes
 * @param trainingMs training time so far in milliseconds, earlier runs included (what {@code
 *     --time-budget} counts); null in checkpoints that predate it
 * @param timeBudgetMs the run's {@code --time-budget} in milliseconds; null without one
 * @param estimatedLastStep with {@code --time-budget}: the step at which that budget was estimated
 *     to run out, where the decaying schedule ends until the next estimate; null without one (or
 *     before the first estimate)
 * @param evalSet the fixed evaluation set: partition of the eval topic → first and last offset; its
 *     examples are the valid records in those ranges. Null until the set was chosen
 * @param createdAt ISO-8601 instant the checkpoint was written
 * @param files file name → size in bytes, filled in by the store
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointManifest(
    int format,
    long step,
    long seed,
    long examples,
    Long tokens,
    String tokenizerId,
    String tokenizerFile,
    String topic,
    String initFrom,
    InputPosition input,
    Long trainingMs,
    Long timeBudgetMs,
    Long estimatedLastStep,
    SortedMap<Integer, OffsetRange> evalSet,
    String createdAt,
    SortedMap<String, Long> files) {

  /** The layout written now: a HuggingFace model directory plus optimizer state and manifest. */
  public static final int FORMAT = 2;

  /** The first layout: one tokenizer file copied under {@link #tokenizerFile}. */
  public static final int FORMAT_SINGLE_TOKENIZER_FILE = 1;

  public CheckpointManifest {
    files = files == null ? new TreeMap<>() : new TreeMap<>(files);
    evalSet = evalSet == null ? null : new TreeMap<>(evalSet);
  }

  /** A manifest without training time, schedule estimate or evaluation set. */
  public CheckpointManifest(
      int format,
      long step,
      long seed,
      long examples,
      Long tokens,
      String tokenizerId,
      String tokenizerFile,
      String topic,
      String initFrom,
      InputPosition input,
      String createdAt,
      SortedMap<String, Long> files) {
    this(
        format,
        step,
        seed,
        examples,
        tokens,
        tokenizerId,
        tokenizerFile,
        topic,
        initFrom,
        input,
        null,
        null,
        null,
        null,
        createdAt,
        files);
  }

  CheckpointManifest withFiles(Map<String, Long> sizes) {
    return new CheckpointManifest(
        format,
        step,
        seed,
        examples,
        tokens,
        tokenizerId,
        tokenizerFile,
        topic,
        initFrom,
        input,
        trainingMs,
        timeBudgetMs,
        estimatedLastStep,
        evalSet,
        createdAt,
        new TreeMap<>(sizes));
  }
}
