package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.checkpoint.CheckpointManifest;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.input.BatchBuilder;
import io.bertstream.trainer.input.FetchedExample;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.input.RoundRobinComposer;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSessionTest {

  private static final int VOCAB = 5 + TestExamples.WORDS;
  private static final long SEED = 7;

  @TempDir Path dir;

  @Test
  void shouldContinueFromACheckpointExactlyAsIfNeverStopped() throws IOException {
    List<Batch> batches = batches(6, 4, 0);
    TrainerConfig.Optimization optimization =
        new TrainerConfig.Optimization(1e-3, 2, "auto", 0.01, 1.0);
    StoredCheckpoint checkpoint;
    Map<String, float[]> uninterrupted;
    try (TrainingSession session = TrainingSession.create(config(), optimization, 6, SEED)) {
      for (int step = 1; step <= 3; step++) {
        session.train(batches.get(step - 1), step, SEED);
      }
      checkpoint = save(session, 3);
      for (int step = 4; step <= 6; step++) {
        session.train(batches.get(step - 1), step, SEED);
      }
      uninterrupted = values(session);
    }
    try (TrainingSession resumed = TrainingSession.create(config(), optimization, 6, SEED)) {
      resumed.restore(checkpoint);
      for (int step = 4; step <= 6; step++) {
        resumed.train(batches.get(step - 1), step, SEED);
      }
      Map<String, float[]> afterResume = values(resumed);
      assertThat(afterResume.keySet()).isEqualTo(uninterrupted.keySet());
      for (String name : uninterrupted.keySet()) {
        assertThat(afterResume.get(name)).as(name).containsExactly(uninterrupted.get(name));
      }
    }
  }

  @Test
  void shouldRestoreParametersAndOptimizerStateBitForBit() throws IOException {
    List<Batch> batches = batches(2, 4, 0);
    StoredCheckpoint checkpoint;
    byte[] parameters;
    byte[] optimizerState;
    try (TrainingSession session =
        TrainingSession.create(config(), TestRuns.OPTIMIZATION, 6, SEED)) {
      session.train(batches.get(0), 1, SEED);
      session.train(batches.get(1), 2, SEED);
      checkpoint = save(session, 2);
      parameters = bytes(session::writeParameters);
      optimizerState = bytes(session::writeOptimizerState);
    }
    try (TrainingSession restored =
        TrainingSession.create(config(), TestRuns.OPTIMIZATION, 6, SEED + 1)) {
      restored.restore(checkpoint);
      assertThat(bytes(restored::writeParameters)).isEqualTo(parameters);
      assertThat(bytes(restored::writeOptimizerState)).isEqualTo(optimizerState);
    }
  }

  @Test
  void shouldRestoreACheckpointOfTheFirstFormatWrittenByDjlsEncoder() throws IOException {
    List<Batch> batches = batches(1, 4, 0);
    Path old = Files.createDirectories(dir.resolve("first-format"));
    byte[] parameters;
    byte[] optimizerState;
    try (TrainingSession session =
        TrainingSession.create(config(), TestRuns.OPTIMIZATION, 6, SEED)) {
      session.train(batches.get(0), 1, SEED);
      parameters = bytes(session::writeParameters);
      optimizerState = bytes(session::writeOptimizerState);
    }
    // The first format wrote both files with NDList.encode.
    try (NDManager manager = NDManager.newBaseManager()) {
      Files.write(old.resolve(CheckpointFiles.MODEL), djlEncoded(manager, parameters));
      Files.write(old.resolve(CheckpointFiles.OPTIMIZER), djlEncoded(manager, optimizerState));
    }
    StoredCheckpoint checkpoint =
        new StoredCheckpoint(
            old,
            new CheckpointManifest(
                CheckpointManifest.FORMAT_SINGLE_TOKENIZER_FILE,
                1,
                SEED,
                4,
                null,
                "t",
                "vocab.txt",
                "x",
                null,
                InputPosition.start(),
                "now",
                new TreeMap<>(
                    Map.of(
                        CheckpointFiles.MODEL,
                        Files.size(old.resolve(CheckpointFiles.MODEL)),
                        CheckpointFiles.OPTIMIZER,
                        Files.size(old.resolve(CheckpointFiles.OPTIMIZER))))));
    try (TrainingSession restored =
        TrainingSession.create(config(), TestRuns.OPTIMIZATION, 6, SEED + 1)) {
      restored.restore(checkpoint);
      assertThat(bytes(restored::writeParameters)).isEqualTo(parameters);
      assertThat(bytes(restored::writeOptimizerState)).isEqualTo(optimizerState);
    }
  }

  private static byte[] djlEncoded(NDManager manager, byte[] safetensors) throws IOException {
    NDList list = NDList.decode(manager, safetensors);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    list.encode(out, NDList.Encoding.SAFETENSORS);
    return out.toByteArray();
  }

  private static byte[] bytes(CheckpointStore.FileContent content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    content.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void shouldLowerTheMaskedLmLossWellBelowItsStartWhenOverfittingASmallSet() {
    List<Batch> batches = batches(2, 8, 100);
    TrainerConfig.Optimization optimization =
        new TrainerConfig.Optimization(1e-3, 0, "constant", 0.0, 1.0);
    try (TrainingSession session =
        TrainingSession.create(config().toBuilder().dropout(0.0).build(), optimization, 0, SEED)) {
      double first = session.train(batches.get(0), 1, SEED).mlmLoss();
      double last = first;
      for (int step = 2; step <= 80; step++) {
        last = session.train(batches.get(step % 2), step, SEED).mlmLoss();
      }
      assertThat(last).isLessThan(first * 0.3);
    }
  }

  private StoredCheckpoint save(TrainingSession session, long step) throws IOException {
    CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), 3);
    Map<String, CheckpointStore.FileContent> files = new LinkedHashMap<>();
    files.put(CheckpointFiles.MODEL, session::writeParameters);
    files.put(CheckpointFiles.OPTIMIZER, session::writeOptimizerState);
    store.write(
        new CheckpointManifest(
            CheckpointManifest.FORMAT,
            step,
            SEED,
            0,
            0L,
            "t",
            null,
            "x",
            null,
            InputPosition.start(),
            "now",
            null),
        files);
    return store.latest().orElseThrow();
  }

  static BertConfig config() {
    return BertConfig.preset("tiny", VOCAB).toBuilder().maxPositions(64).build();
  }

  static List<Batch> batches(int count, int size, int firstIndex) {
    BatchBuilder builder = new BatchBuilder(0);
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < count; b++) {
      List<FetchedExample> examples = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        int index = firstIndex + b * size + i;
        examples.add(new FetchedExample(0, index, TestExamples.example("t", SEED, index)));
      }
      batches.add(builder.build(new RoundRobinComposer.Composed(examples, 0)));
    }
    return batches;
  }

  private static Map<String, float[]> values(TrainingSession session) {
    Map<String, float[]> values = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> entry : HuggingFaceNames.of(session.model()).entrySet()) {
      NDArray array = entry.getValue().getArray();
      values.put(entry.getKey(), array.toFloatArray());
    }
    return values;
  }
}
