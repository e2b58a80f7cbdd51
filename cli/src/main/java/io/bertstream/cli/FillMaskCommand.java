package io.bertstream.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.inference.SavedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bertstream fill-mask}: the model's top guesses for each [MASK] of a text. */
@Command(
    name = "fill-mask",
    mixinStandardHelpOptions = true,
    description =
        "Print the top-k tokens, with probabilities, for every [MASK] in each TEXT, using any"
            + " BERT directory: a checkpoint written by `bertstream train`, a checkpoint"
            + " directory (its newest checkpoint), an export, or a published HuggingFace model"
            + " (config.json, model.safetensors and its tokenizer files).")
public final class FillMaskCommand implements Callable<Integer> {

  /** How the guesses are printed. */
  enum Format {
    /** Readable lines, probabilities to 3 decimals. */
    TEXT,
    /** One JSON object per TEXT, probabilities in full (float32) precision. */
    JSON;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = {"--model", "--checkpoint"},
      required = true,
      paramLabel = "DIR",
      description =
          "The model: a checkpoint directory (step-NNNNNNNNNN), a --checkpoint-dir (its newest"
              + " complete checkpoint), an export or a HuggingFace BERT directory.")
  Path model;

  @Option(names = "--top-k", description = "Tokens shown per [MASK] (default: ${DEFAULT-VALUE}).")
  int topK = FillMask.DEFAULT_TOP_K;

  @Option(
      names = "--format",
      description =
          "text: readable lines; json: one object per TEXT, {\"text\", \"masks\": [[{\"token\","
              + " \"id\", \"probability\"}, ...], ...]} with full-precision probabilities"
              + " (default: ${DEFAULT-VALUE}).")
  Format format = Format.TEXT;

  @Option(
      names = "--threads",
      description = "CPU threads for the engine's operators (default: all available processors).")
  Integer threads;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Text with one or more [MASK].")
  List<String> texts;

  @Override
  public Integer call() throws Exception {
    EngineThreads.configure(threads);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (SavedModel saved = SavedModel.load(model)) {
      if (!saved.hasMaskedLmHead()) {
        err.println(
            "bertstream fill-mask: "
                + saved.directory()
                + " has no masked-LM head (cls.predictions.*), e.g. a bare BertModel; fill-mask"
                + " needs a BertForPreTraining or BertForMaskedLM");
        return 2;
      }
      FillMask fillMask = new FillMask(saved.model(), saved.tokenizer());
      if (format == Format.TEXT) {
        out.println(
            saved.checkpoint().isPresent()
                ? "checkpoint: " + saved.directory()
                : "model: " + saved.directory());
      }
      for (String text : texts) {
        List<List<FillMask.Candidate>> guesses;
        try {
          guesses = fillMask.candidates(saved.manager(), text, topK);
        } catch (IllegalArgumentException e) {
          err.println("bertstream fill-mask: " + e.getMessage());
          return 2;
        }
        if (format == Format.JSON) {
          out.println(MAPPER.writeValueAsString(json(text, guesses)));
        } else {
          out.println(text);
          for (int i = 0; i < guesses.size(); i++) {
            List<FillMask.Guess> atMask =
                guesses.get(i).stream().map(FillMask.Candidate::guess).toList();
            out.printf(java.util.Locale.ROOT, "  [MASK] %d: %s%n", i + 1, FillMask.format(atMask));
          }
        }
      }
      out.flush();
      return 0;
    }
  }

  private static ObjectNode json(String text, List<List<FillMask.Candidate>> guesses) {
    ObjectNode line = MAPPER.createObjectNode();
    line.put("text", text);
    ArrayNode masks = line.putArray("masks");
    for (List<FillMask.Candidate> atMask : guesses) {
      ArrayNode candidates = masks.addArray();
      for (FillMask.Candidate c : atMask) {
        candidates
            .addObject()
            .put("token", c.token())
            .put("id", c.id())
            .put("probability", c.probability());
      }
    }
    return line;
  }
}
