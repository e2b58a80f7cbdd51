package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceExportTest {

  @TempDir Path dir;

  private NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager("PyTorch");
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void shouldImportWhatItExportedToTheSameConfigAndParameters() throws IOException {
    BertConfig config =
        BertConfig.preset("tiny", 77).toBuilder()
            .maxPositions(24)
            .numLayers(3)
            .dropout(0.05)
            .build();
    Engine.getEngine("PyTorch").setRandomSeed(1);
    BertForPreTraining exported = new BertForPreTraining(config);
    exported.initialize(manager);
    HuggingFaceExport.write(exported, 0, dir);

    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(dir)) {
      assertThat(checkpoint.config()).isEqualTo(HuggingFaceConfig.of(config, 0));
      assertThat(checkpoint.bertConfig()).isEqualTo(config);
      Engine.getEngine("PyTorch").setRandomSeed(2);
      BertForPreTraining imported = new BertForPreTraining(checkpoint.bertConfig());
      imported.initialize(manager);
      Map<String, float[]> before = Fixtures.values(imported);
      ImportReport report = checkpoint.loadInto(imported);

      assertThat(report.fresh()).isEmpty();
      assertThat(report.ignored()).isEmpty();
      Map<String, float[]> want = Fixtures.values(exported);
      Map<String, float[]> got = Fixtures.values(imported);
      assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
      want.forEach((name, v) -> assertThat(got.get(name)).as(name).containsExactly(v));
      // the seeds differ, so the import really changed the weights
      assertThat(before.get("bert.embeddings.word_embeddings.weight"))
          .isNotEqualTo(got.get("bert.embeddings.word_embeddings.weight"));
    }
  }
}
