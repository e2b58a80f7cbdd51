package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointManifest;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.input.InputPosition;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FillMaskCommandTest {

  @TempDir Path dir;

  @Test
  void shouldPrintTheTopTokensForEveryMaskFromASavedCheckpoint() throws Exception {
    Path checkpoints = dir.resolve("ckpt");
    writeCheckpoint(checkpoints);
    StringWriter out = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setOut(new PrintWriter(out));

    int exit =
        commandLine.execute(
            "fill-mask",
            "--checkpoint",
            checkpoints.toString(),
            "--top-k",
            "3",
            "union [MASK] of [MASK]");

    assertThat(exit).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).contains("step-0000000007");
    assertThat(lines).contains("union [MASK] of [MASK]");
    List<String> masks = lines.stream().filter(l -> l.startsWith("  [MASK] ")).toList();
    assertThat(masks).hasSize(2);
    assertThat(masks.get(0))
        .matches("  \\[MASK\\] 1: \\S+ 0\\.\\d{3}, \\S+ 0\\.\\d{3}, \\S+ 0\\.\\d{3}");
  }

  @Test
  void shouldFailWhenTheDirectoryHoldsNoCheckpoint() {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(new StringWriter()));
    assertThat(commandLine.execute("fill-mask", "--checkpoint", dir.toString(), "a [MASK]"))
        .isEqualTo(1);
  }

  @Test
  void shouldExplainEveryFlagOfTrainInHelp() {
    StringWriter help = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setOut(new PrintWriter(help));

    assertThat(commandLine.execute("train", "--help")).isZero();
    assertThat(help.toString())
        .contains(
            "--tokenizer",
            "--checkpoint-dir",
            "--preset",
            "--max-steps",
            "--idle-timeout",
            "--checkpoint-every",
            "--checkpoint-interval",
            "--keep",
            "--eval-every",
            "--probe",
            "--ops-port",
            "--bootstrap-servers");
  }

  /**
   * A checkpoint as `train` wrote it in the first format (DJL's encoder, the config without
   * model_type, one tokenizer file), of an untrained tiny model, at step 7: still read.
   */
  private static void writeCheckpoint(Path checkpoints) throws Exception {
    List<String> vocab = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    vocab.addAll(List.of("the", "union", "of", "state", "people", "congress", "nation"));
    Path vocabFile = Files.createDirectories(checkpoints.getParent()).resolve("vocab.txt");
    Files.write(vocabFile, vocab, StandardCharsets.UTF_8);
    String fingerprint;
    try (BertTokenizer tokenizer = BertTokenizer.load(vocabFile)) {
      fingerprint = tokenizer.fingerprint();
    }
    BertConfig config =
        BertConfig.preset("tiny", vocab.size()).toBuilder().maxPositions(32).build();
    try (NDManager manager = NDManager.newBaseManager()) {
      BertForPreTraining model = new BertForPreTraining(config);
      model.initialize(manager);
      Map<String, CheckpointStore.FileContent> files = new LinkedHashMap<>();
      files.put(
          "model.safetensors",
          out -> {
            NDList list = new NDList();
            for (Map.Entry<String, Parameter> p : HuggingFaceNames.of(model).entrySet()) {
              NDArray copy = p.getValue().getArray().duplicate();
              copy.setName(p.getKey());
              list.add(copy);
            }
            list.encode(out, NDList.Encoding.SAFETENSORS);
          });
      files.put("config.json", out -> out.write(config.toJson().getBytes(StandardCharsets.UTF_8)));
      files.put("vocab.txt", out -> Files.copy(vocabFile, out));
      new CheckpointStore(checkpoints, 3)
          .write(
              new CheckpointManifest(
                  CheckpointManifest.FORMAT_SINGLE_TOKENIZER_FILE,
                  7,
                  42,
                  28,
                  null,
                  fingerprint,
                  "vocab.txt",
                  "bertstream.examples",
                  null,
                  InputPosition.start(),
                  "2026-01-01T00:00:00Z",
                  null),
              files);
    }
  }
}
