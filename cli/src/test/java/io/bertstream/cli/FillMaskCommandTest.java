package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.TestRuns;
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
  void shouldPrintFullPrecisionJsonThatAgreesWithTheTextOutput() throws Exception {
    Path model = TestRuns.huggingFaceFixture("pretraining", dir.resolve("fixtures"));
    String[] texts = {"the [MASK] of the [MASK]", "a [MASK] and a cat"};

    String text = run("fill-mask", "--model", model.toString(), "--top-k", "4", texts[0], texts[1]);
    String json =
        run(
            "fill-mask",
            "--model",
            model.toString(),
            "--top-k",
            "4",
            "--format",
            "json",
            texts[0],
            texts[1]);

    List<String> textLines = text.lines().toList();
    assertThat(textLines.get(0)).isEqualTo("model: " + model);
    List<String> maskLines = textLines.stream().filter(l -> l.startsWith("  [MASK] ")).toList();
    List<JsonNode> objects = new ArrayList<>();
    for (String line : json.lines().toList()) {
      objects.add(new ObjectMapper().readTree(line));
    }
    assertThat(objects).hasSize(2);
    assertThat(objects.get(0).get("text").asText()).isEqualTo(texts[0]);
    List<String> fromJson = new ArrayList<>();
    for (JsonNode object : objects) {
      JsonNode masks = object.get("masks");
      for (int i = 0; i < masks.size(); i++) {
        List<String> guesses = new ArrayList<>();
        for (JsonNode guess : masks.get(i)) {
          assertThat(guess.get("id").asInt()).isBetween(5, 120);
          guesses.add(
              String.format(
                  java.util.Locale.ROOT,
                  "%s %.3f",
                  guess.get("token").asText(),
                  guess.get("probability").floatValue()));
        }
        assertThat(guesses).hasSize(4);
        fromJson.add("  [MASK] " + (i + 1) + ": " + String.join(", ", guesses));
      }
    }
    assertThat(fromJson).hasSize(3).containsExactlyElementsOf(maskLines.subList(0, 3));
    // full precision: more digits than the text's three
    assertThat(objects.get(0).get("masks").get(0).get(0).get("probability").asText())
        .matches("0\\.\\d{5,}.*");
  }

  @Test
  void shouldRefuseAModelWithoutAMaskedLmHead() throws Exception {
    Path bare = Files.createDirectories(dir.resolve("bare"));
    for (String file : List.of("config.json", "model.safetensors")) {
      Files.copy(
          TestRuns.huggingFaceFixture("bare", dir.resolve("fixtures")).resolve(file),
          bare.resolve(file));
    }
    Files.copy(
        TestRuns.huggingFaceFixture("pretraining", dir.resolve("fixtures")).resolve("vocab.txt"),
        bare.resolve("vocab.txt"));
    StringWriter err = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setErr(new PrintWriter(err));

    assertThat(commandLine.execute("fill-mask", "--model", bare.toString(), "a [MASK]"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no masked-LM head");
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

  /** Runs a command that must succeed; returns its output. */
  static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    assertThat(commandLine.execute(args)).as("exit status; stderr: %s", err).isZero();
    return out.toString();
  }

  /**
   * A checkpoint as `train` wrote it in the first format (DJL's encoder, the config without
   * model_type, one tokenizer file), of an untrained tiny model, at step 7: still read.
   */
  static void writeCheckpoint(Path checkpoints) throws Exception {
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
