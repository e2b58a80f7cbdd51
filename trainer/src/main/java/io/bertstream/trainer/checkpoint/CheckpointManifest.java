package io.bertstream.trainer.checkpoint;

import io.bertstream.trainer.input.InputPosition;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a checkpoint holds, written last into it ({@code manifest.json}): a checkpoint directory
 * without a readable manifest whose listed files all have their recorded sizes is incomplete.
 *
 * @param format layout version of the checkpoint directory
 * @param step optimizer steps taken; also the learning-rate schedule's position
 * @param seed the run's seed; step {@code n} seeds the engine with {@code seed + n}
 * @param examples examples trained on so far
 * @param tokenizerId fingerprint of the tokenizer the model was trained with
 * @param tokenizerFile the tokenizer's file name inside the checkpoint
 * @param topic the examples topic the offsets belong to
 * @param input next offset per partition and the round-robin cursor: where reading resumes
 * @param createdAt ISO-8601 instant the checkpoint was written
 * @param files file name → size in bytes, filled in by the store
 */
public record CheckpointManifest(
    int format,
    long step,
    long seed,
    long examples,
    String tokenizerId,
    String tokenizerFile,
    String topic,
    InputPosition input,
    String createdAt,
    SortedMap<String, Long> files) {

  public static final int FORMAT = 1;

  public CheckpointManifest {
    files = files == null ? new TreeMap<>() : new TreeMap<>(files);
  }

  CheckpointManifest withFiles(Map<String, Long> sizes) {
    return new CheckpointManifest(
        format,
        step,
        seed,
        examples,
        tokenizerId,
        tokenizerFile,
        topic,
        input,
        createdAt,
        new TreeMap<>(sizes));
  }
}
