package io.bertstream.trainer.tensorboard;

import io.bertstream.trainer.tensorboard.proto.Event;
import io.bertstream.trainer.tensorboard.proto.SessionLog;
import io.bertstream.trainer.tensorboard.proto.Summary;
import io.bertstream.trainer.tensorboard.proto.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads event files back for tests: checks each record's framing and CRCs, parses the events, and
 * replays a run's files the way TensorBoard's loader does to show what a person would see.
 */
public final class EventFiles {

  /** A point of a scalar series. */
  public record Point(long step, float value, double wallTime) {}

  /** A text value. */
  public record Text(long step, String text) {}

  private EventFiles() {}

  /** The event files of a run directory, in the order TensorBoard reads them (by name). */
  public static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(EventFileWriter.FILE_PREFIX))
          .sorted()
          .toList();
    }
  }

  /** Every event of {@code file}; fails on a bad length, a bad CRC or trailing bytes. */
  public static List<Event> read(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (bytes.hasRemaining()) {
      int start = bytes.position();
      long length = bytes.getLong();
      check(bytes.getInt() == TfRecords.maskedCrc32c(bytes.array(), start, 8), file, start);
      byte[] data = new byte[Math.toIntExact(length)];
      bytes.get(data);
      check(bytes.getInt() == TfRecords.maskedCrc32c(data, 0, data.length), file, start);
      events.add(Event.parseFrom(data));
    }
    return events;
  }

  /** The scalar series among {@code events}, by tag, in the order written. */
  public static Map<String, List<Point>> scalars(List<Event> events) {
    Map<String, List<Point>> series = new LinkedHashMap<>();
    for (Event event : events) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        if (value.getMetadata().getPluginData().getPluginName().equals("scalars")) {
          series
              .computeIfAbsent(value.getTag(), t -> new ArrayList<>())
              .add(new Point(event.getStep(), floatOf(value.getTensor()), event.getWallTime()));
        }
      }
    }
    return series;
  }

  /** The text series among {@code events}, by tag, in the order written. */
  public static Map<String, List<Text>> texts(List<Event> events) {
    Map<String, List<Text>> series = new LinkedHashMap<>();
    for (Event event : events) {
      for (Summary.Value value : event.getSummary().getValueList()) {
        if (value.getMetadata().getPluginData().getPluginName().equals("text")) {
          String text = value.getTensor().getStringVal(0).toString(StandardCharsets.UTF_8);
          series
              .computeIfAbsent(value.getTag(), t -> new ArrayList<>())
              .add(new Text(event.getStep(), text));
        }
      }
    }
    return series;
  }

  /** The steps of the session START events among {@code events}. */
  public static List<Long> starts(List<Event> events) {
    return events.stream()
        .filter(e -> e.getSessionLog().getStatus() == SessionLog.SessionStatus.START)
        .map(Event::getStep)
        .toList();
  }

  /**
   * The scalar series TensorBoard shows for the run in {@code directory}: its files read in name
   * order, each session START at step s dropping every point at step s or later read before it.
   */
  public static Map<String, List<Point>> shown(Path directory) throws IOException {
    Map<String, List<Point>> shown = new LinkedHashMap<>();
    for (Path file : list(directory)) {
      for (Event event : read(file)) {
        if (event.getSessionLog().getStatus() == SessionLog.SessionStatus.START) {
          shown.values().forEach(points -> points.removeIf(p -> p.step() >= event.getStep()));
        }
        scalars(List.of(event))
            .forEach(
                (tag, points) -> shown.computeIfAbsent(tag, t -> new ArrayList<>()).addAll(points));
      }
    }
    return shown;
  }

  private static float floatOf(TensorProto tensor) {
    return tensor.getFloatVal(0);
  }

  private static void check(boolean ok, Path file, int offset) {
    if (!ok) {
      throw new IllegalStateException("bad CRC in the record at byte " + offset + " of " + file);
    }
  }
}
