package io.bertstream.trainer.tensorboard;

import io.bertstream.trainer.tensorboard.proto.Event;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One new event file in a run's directory, named as TensorBoard names them ({@code
 * events.out.tfevents.<seconds>.<host>.<pid>.<n>}, so that files sort in the order they were
 * started) and opened with the file-version event; then one TFRecord per {@link Event}. Writes are
 * buffered: {@link #flush()} puts them on disk. Never appends to an existing file: a resumed run
 * gets a file of its own. Not thread-safe; one owner closes it.
 */
public final class EventFileWriter implements AutoCloseable {

  /** The start of every event file's name; TensorBoard reads the files whose names contain it. */
  public static final String FILE_PREFIX = "events.out.tfevents.";

  private static final int BUFFER_BYTES = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final OutputStream out;

  private EventFileWriter(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
  }

  /**
   * Creates the directory if needed and a new event file in it, whose first event (written and
   * flushed) gives the format and {@code writer}.
   *
   * @param wallTime seconds since the epoch: the first event's time and the name's
   */
  public static EventFileWriter create(Path directory, String writer, double wallTime)
      throws IOException {
    Files.createDirectories(directory);
    String stem =
        String.format(
            Locale.ROOT,
            "%s%010d.%s.%d.",
            FILE_PREFIX,
            (long) wallTime,
            hostName(),
            ProcessHandle.current().pid());
    for (int n = 0; ; n++) {
      Path file = directory.resolve(stem + n);
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException taken) {
        continue; // another writer of this process started in the same second
      }
      EventFileWriter events = new EventFileWriter(file, channel);
      try {
        events.write(Events.fileVersion(wallTime, writer));
        events.flush();
        return events;
      } catch (IOException | RuntimeException e) {
        events.closeAfterFailure(e);
        throw e;
      }
    }
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** Appends {@code event} (buffered). */
  public void write(Event event) throws IOException {
    TfRecords.write(out, event.toByteArray());
  }

  /** Writes what is buffered and forces it to the disk. */
  public void flush() throws IOException {
    out.flush();
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    try (out) {
      flush();
    }
  }

  private void closeAfterFailure(Exception failure) {
    try {
      out.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * This machine's name for the file name: the environment's {@code HOSTNAME} when set (no lookup),
   * else the local host's name; characters a file name should not hold become {@code _}.
   */
  private static String hostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        name = "localhost";
      }
    }
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
