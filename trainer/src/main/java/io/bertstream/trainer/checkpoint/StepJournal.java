package io.bertstream.trainer.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A JSON-lines file with one object per training step or evaluation, each carrying {@code step}
 * ({@code ledger.jsonl}, {@code metrics.jsonl}).
 *
 * <p>Lines are appended as training goes, ahead of the next checkpoint. When a run resumes from the
 * checkpoint of step {@code s}, {@link #open} first drops every line after step {@code s} (and a
 * torn last line), because those steps will be trained again: the file then tells the history of
 * the surviving state, each step once.
 */
public final class StepJournal implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;

  private StepJournal(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code file} for appending, after dropping lines of steps after {@code resumeStep}. */
  public static StepJournal open(Path file, long resumeStep) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (Files.exists(file)) {
      List<String> kept = new ArrayList<>();
      boolean dropped = false;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        Long step = stepOf(line);
        if (step != null && step <= resumeStep) {
          kept.add(line);
        } else {
          dropped = true;
        }
      }
      if (dropped) {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, kept, StandardCharsets.UTF_8);
        try (FileChannel sync = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          sync.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new StepJournal(
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /** Appends one line; {@code entry} must hold a numeric {@code step}. */
  public void append(Map<String, ?> entry) throws IOException {
    if (!(entry.get("step") instanceof Number)) {
      throw new IllegalArgumentException("a journal entry needs a numeric step");
    }
    byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(line);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Makes every appended line durable; called before each checkpoint. */
  public void sync() throws IOException {
    channel.force(false);
  }

  /** Every well-formed line of {@code file}, in order. */
  public static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> entries = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (stepOf(line) != null) {
        entries.add(JSON.readTree(line));
      }
    }
    return entries;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static Long stepOf(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.path("step").isNumber() ? node.get("step").asLong() : null;
    } catch (IOException e) {
      return null; // a line torn by a crash
    }
  }
}
