package io.bertstream.trainer.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bertstream.trainer.checkpoint.JournalEntry;

/**
 * One line of {@code checkpoints.jsonl}, one per checkpoint written: {@code {"step":1000,
 * "directory":"step-0000001000","unix_ms":1767225600000}}. Older checkpoints are pruned ({@code
 * --keep}); their marks stay, so the curves show every checkpoint of the run.
 *
 * @param step the checkpoint's step
 * @param directory the checkpoint's directory name in the checkpoint directory
 * @param unixMs wall-clock time the checkpoint was complete, Unix epoch milliseconds
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckpointMark(long step, String directory, long unixMs) implements JournalEntry {

  /** The file's name in the checkpoint directory. */
  public static final String FILE = "checkpoints.jsonl";
}
