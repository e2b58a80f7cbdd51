package io.bertstream.trainer.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a {@link StepJournal} file while a run appends to it: each call reads only the complete
 * lines added since the last one, so a view polled every few seconds costs what the run wrote
 * since, not the whole file. A line still being written is read at the next call. A file replaced
 * (a resumed run cuts it back by writing a new one) or shortened is read again from its start.
 *
 * @param <E> the entry type
 */
public final class JournalTail<E extends JournalEntry> {

  private final Path file;
  private final Class<E> type;
  private final List<E> entries = new ArrayList<>();
  private Object fileKey;
  private long position;

  public JournalTail(Path file, Class<E> type) {
    this.file = file;
    this.type = type;
  }

  /** Every entry of the file as it stands now, in order; none while there is no file. */
  public synchronized List<E> entries() throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      restart(null);
      return List.of();
    }
    if (attributes.size() < position || !Objects.equals(attributes.fileKey(), fileKey)) {
      restart(attributes.fileKey());
    }
    if (attributes.size() > position) {
      readFrom(attributes.size());
    }
    return List.copyOf(entries);
  }

  private void restart(Object key) {
    entries.clear();
    position = 0;
    fileKey = key;
  }

  private void readFrom(long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - position));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.position(position);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read up to the size seen; what is appended meanwhile waits for the next call
      }
    }
    byte[] bytes = buffer.array();
    int end = buffer.position();
    int start = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        E entry =
            StepJournal.parse(new String(bytes, start, i - start, StandardCharsets.UTF_8), type);
        if (entry != null) {
          entries.add(entry);
        }
        start = i + 1;
      }
    }
    position += start;
  }
}
