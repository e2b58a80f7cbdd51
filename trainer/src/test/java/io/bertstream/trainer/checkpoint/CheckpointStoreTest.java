package io.bertstream.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.trainer.input.InputPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

  @TempDir Path dir;

  @Test
  void shouldLoadTheNewestCompleteCheckpointWithItsPosition() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(manifest(10, 4), files("ten"));
    store.write(manifest(20, 7), files("twenty"));

    StoredCheckpoint latest = store.latest().orElseThrow();

    assertThat(latest.step()).isEqualTo(20);
    assertThat(latest.directory().getFileName().toString()).isEqualTo("step-0000000020");
    assertThat(latest.manifest().input().nextOffsets()).containsEntry(0, 7L).containsEntry(3, 8L);
    assertThat(latest.manifest().input().cursor()).isEqualTo(2);
    assertThat(Files.readString(latest.file("model.bin"))).isEqualTo("twenty");
    assertThat(latest.manifest().files()).containsKeys("model.bin", "notes.txt");
  }

  @Test
  void shouldIgnoreTemporaryDirectoriesAndCheckpointsWithoutAManifest() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(manifest(10, 4), files("ten"));
    Files.createDirectories(dir.resolve(".tmp-step-0000000030-123"));
    Files.writeString(dir.resolve(".tmp-step-0000000030-123/model.bin"), "partial");
    Files.createDirectories(dir.resolve("step-0000000040"));

    assertThat(store.latest().orElseThrow().step()).isEqualTo(10);
    store.removeIncomplete();
    assertThat(dir.resolve(".tmp-step-0000000030-123")).doesNotExist();
  }

  @Test
  void shouldSkipACheckpointWhoseFileWasTruncated() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(manifest(10, 4), files("ten"));
    Path newest = store.write(manifest(20, 7), files("twenty"));
    Files.writeString(newest.resolve("model.bin"), "tw");

    assertThat(store.latest().orElseThrow().step()).isEqualTo(10);
  }

  @Test
  void shouldKeepOnlyTheNewestCheckpoints() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 2);
    for (long step = 1; step <= 5; step++) {
      store.write(manifest(step, step), files("s" + step));
    }
    assertThat(store.completeDirectories())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("step-0000000004", "step-0000000005");
  }

  @Test
  void shouldLeaveAnExistingCheckpointOfTheSameStepAlone() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(manifest(10, 4), files("first"));
    store.write(manifest(10, 4), files("second"));
    assertThat(Files.readString(store.latest().orElseThrow().file("model.bin"))).isEqualTo("first");
  }

  @Test
  void shouldTellEachFileWrittenBeforeTheCheckpointExistsWithTheManifestLast() throws IOException {
    CheckpointStore store = new CheckpointStore(dir, 3);
    store.write(manifest(10, 4), files("ten"));
    List<String> written = new ArrayList<>();

    store.write(
        manifest(20, 7),
        files("twenty"),
        file -> {
          written.add(file);
          // A crash here must leave step 10 as the newest checkpoint.
          assertThat(store.latest().orElseThrow().step()).isEqualTo(10);
          assertThat(dir.resolve("step-0000000020")).doesNotExist();
        });

    assertThat(written).containsExactly("model.bin", "notes.txt", CheckpointStore.MANIFEST);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(20);
  }

  private static CheckpointManifest manifest(long step, long offset) {
    TreeMap<Integer, Long> offsets = new TreeMap<>(Map.of(0, offset, 3, offset + 1));
    return new CheckpointManifest(
        CheckpointManifest.FORMAT,
        step,
        42,
        step * 4,
        step * 40,
        "tok",
        null,
        "p.examples",
        null,
        new InputPosition(offsets, 2),
        "2026-01-01T00:00:00Z",
        null);
  }

  private static Map<String, CheckpointStore.FileContent> files(String model) {
    Map<String, CheckpointStore.FileContent> files = new LinkedHashMap<>();
    files.put("model.bin", out -> out.write(model.getBytes(StandardCharsets.UTF_8)));
    files.put("notes.txt", out -> out.write("n".getBytes(StandardCharsets.UTF_8)));
    return files;
  }
}
