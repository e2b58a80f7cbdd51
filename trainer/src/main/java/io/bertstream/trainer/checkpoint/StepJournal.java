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

/**
 * A JSON Lines file of typed entries, one object per line, each carrying its {@code step}: the one
 * reader and writer of {@code ledger.jsonl} ({@link LedgerEntry}) and {@code metrics.jsonl}
 * (evaluations).
 *
 * <p>Lines are appended as training goes, ahead of the next checkpoint. When a run resumes from the
 * checkpoint of step {@code s}, {@link #open} first drops every line after step {@code s} (and a
 * torn last line), because those steps will be trained again: the file then tells the history of
 * the surviving state, each step once.
 *
 * @param <E> the entry type, a record Jackson writes and reads
 */
public final class StepJournal<E extends JournalEntry> implements Journal, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;

  private StepJournal(FileChannel channel) {
    this.channel = channel;
  }

  /** Opens {@code file} for appending, after dropping lines of steps after {@code resumeStep}. */
  public static <E extends JournalEntry> StepJournal<E> open(Path file, long resumeStep)
      throws IOException {
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
    return new StepJournal<>(
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
  }

  /** Appends {@code entry} as one line. */
  public void append(E entry) throws IOException {
    byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.wrap(line);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Makes every appended line durable; the checkpoint protocol calls it before each checkpoint. */
  @Override
  public void sync() throws IOException {
    channel.force(false);
  }

  /**
   * Every entry of {@code file}, in order; an absent file has none, a torn line (a crash mid-write)
   * is left out.
   */
  public static <E extends JournalEntry> List<E> read(Path file, Class<E> type) throws IOException {
    List<E> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      E entry = parse(line, type);
      if (entry != null) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** The entry {@code line} holds; null for a line torn by a crash. */
  static <E extends JournalEntry> E parse(String line, Class<E> type) throws IOException {
    return stepOf(line) == null ? null : JSON.readValue(line, type);
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
