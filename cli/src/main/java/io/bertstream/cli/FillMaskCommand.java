package io.bertstream.cli;

import io.bertstream.trainer.FillMask;
import io.bertstream.trainer.SavedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bertstream fill-mask}: the model's top guesses for each [MASK] of a text. */
@Command(
    name = "fill-mask",
    mixinStandardHelpOptions = true,
    description = {
      "Print the top-k tokens, with probabilities, for every [MASK] in each TEXT, using a",
      "checkpoint written by `bertstream train` (its model, config and tokenizer)."
    })
public final class FillMaskCommand implements Callable<Integer> {

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "DIR",
      description =
          "A checkpoint directory (step-NNNNNNNNNN) or a --checkpoint-dir, whose newest"
              + " complete checkpoint is used.")
  Path checkpoint;

  @Option(
      names = "--top-k",
      defaultValue = "5",
      description = "Tokens shown per [MASK] (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(
      names = "--threads",
      description = "CPU threads for the engine's operators (default: all available processors).")
  Integer threads;

  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Text with one or more [MASK].")
  List<String> texts;

  @Override
  public Integer call() throws Exception {
    EngineThreads.configure(threads);
    try (SavedModel saved = SavedModel.load(checkpoint)) {
      FillMask fillMask = new FillMask(saved.model(), saved.tokenizer());
      System.out.println("checkpoint: " + saved.checkpoint().directory());
      for (String text : texts) {
        List<List<FillMask.Guess>> guesses;
        try {
          guesses = fillMask.predict(saved.manager(), text, topK);
        } catch (IllegalArgumentException e) {
          System.err.println("bertstream fill-mask: " + e.getMessage());
          return 2;
        }
        System.out.println(text);
        for (int i = 0; i < guesses.size(); i++) {
          System.out.printf(
              java.util.Locale.ROOT, "  [MASK] %d: %s%n", i + 1, FillMask.format(guesses.get(i)));
        }
      }
      return 0;
    }
  }
}
