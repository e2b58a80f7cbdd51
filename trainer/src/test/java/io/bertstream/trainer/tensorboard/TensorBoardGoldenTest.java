package io.bertstream.trainer.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.bertstream.trainer.tensorboard.proto.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's bytes against a file TensorBoard's own EventFileWriter wrote with its own summary
 * functions ({@code scripts/tensorboard-fixtures/generate.py}): the same events at the same wall
 * times must give the same file, byte for byte.
 */
class TensorBoardGoldenTest {

  /** What TensorBoard's EventFileWriter names itself in the first event. */
  private static final String TENSORBOARD_WRITER = "tensorboard.summary.writer.event_file_writer";

  @Test
  void shouldWriteTheBytesTensorBoardsOwnWriterWrites(@TempDir Path dir) throws IOException {
    Path file;
    try (EventFileWriter writer = EventFileWriter.create(dir, TENSORBOARD_WRITER, 1700000000.25)) {
      writer.write(Events.sessionStart(1700000001.5, 7));
      writer.write(Events.scalar(1700000002.0, 7, "train/loss", 7.25f));
      writer.write(Events.scalar(1700000002.0, 7, "train/learning_rate", (float) 1e-4));
      writer.write(Events.scalar(1700000003.125, 8, "train/loss", 6.875f));
      writer.write(Events.scalar(1700000003.125, 8, "train/learning_rate", (float) 2e-4));
      writer.write(Events.scalar(1700000004.0, 9, "eval/mlm_accuracy", 0.1337f));
      writer.write(
          Events.text(
              1700000004.0,
              9,
              "probes/the [MASK] of the union",
              "- state 0.210, nation 0.100\n- ü ✓"));
      file = writer.file();
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(golden());
  }

  @Test
  void shouldNameTheFileAsTensorBoardDoes(@TempDir Path dir) throws IOException {
    try (EventFileWriter writer = EventFileWriter.create(dir, "test", 1700000000.75)) {
      assertThat(writer.file().getParent()).isEqualTo(dir);
      assertThat(writer.file().getFileName().toString())
          .matches(
              "events\\.out\\.tfevents\\.1700000000\\.[A-Za-z0-9._-]+\\."
                  + ProcessHandle.current().pid()
                  + "\\.0");
    }
  }

  @Test
  void shouldReadTheFixtureBackAsTheEventsItHolds(@TempDir Path dir) throws IOException {
    Path fixture = Files.write(dir.resolve("golden.tfevents"), golden());

    List<Event> events = EventFiles.read(fixture);

    assertThat(events.get(0).getFileVersion()).isEqualTo(Events.FILE_VERSION);
    assertThat(EventFiles.starts(events)).containsExactly(7L);
    assertThat(EventFiles.scalars(events).get("train/loss"))
        .extracting(EventFiles.Point::step, EventFiles.Point::value)
        .containsExactly(tuple(7L, 7.25f), tuple(8L, 6.875f));
    assertThat(EventFiles.texts(events).get("probes/the [MASK] of the union"))
        .containsExactly(new EventFiles.Text(9, "- state 0.210, nation 0.100\n- ü ✓"));
  }

  private static byte[] golden() throws IOException {
    try (InputStream in =
        TensorBoardGoldenTest.class.getResourceAsStream("/tensorboard/golden.tfevents")) {
      return in.readAllBytes();
    }
  }
}
