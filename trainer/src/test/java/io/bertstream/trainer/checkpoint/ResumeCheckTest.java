package io.bertstream.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.trainer.input.InputPosition;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResumeCheckTest {

  private static final StoredCheckpoint CHECKPOINT =
      new StoredCheckpoint(
          Path.of("ckpt", "step-0000000008"),
          new CheckpointManifest(
              CheckpointManifest.FORMAT,
              8,
              42,
              32,
              320L,
              "tok-a",
              null,
              "acme.examples",
              null,
              new InputPosition(new TreeMap<>(Map.of(0, 17L, 1, 15L)), 1),
              "2024-01-01T00:00:00Z",
              null));

  @Test
  void shouldAcceptTheSameTokenizerAndTopic() {
    assertThatCode(() -> ResumeCheck.requireCompatible(CHECKPOINT, "tok-a", "acme.examples"))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseAnotherTokenizerNamingBoth() {
    assertThatThrownBy(() -> ResumeCheck.requireCompatible(CHECKPOINT, "tok-b", "acme.examples"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tok-a")
        .hasMessageContaining("tok-b")
        .hasMessageContaining("step-0000000008");
  }

  @Test
  void shouldRefuseOffsetsOfAnotherTopic() {
    assertThatThrownBy(() -> ResumeCheck.requireCompatible(CHECKPOINT, "tok-a", "other.examples"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("acme.examples")
        .hasMessageContaining("other.examples");
  }

  @Test
  void shouldResumeRightAfterTheCheckpoint() {
    ResumePoint point = ResumePoint.after(CHECKPOINT);

    assertThat(point.step()).isEqualTo(8);
    assertThat(point.examples()).isEqualTo(32);
    assertThat(point.input()).isEqualTo(CHECKPOINT.manifest().input());
    assertThat(point.checkpoint()).contains(CHECKPOINT.directory());
    assertThat(ResumePoint.beginning().input()).isEqualTo(InputPosition.start());
  }
}
