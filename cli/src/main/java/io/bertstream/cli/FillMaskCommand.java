package io.bertstream.cli;

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
        "Print the top-k tokens, with probabilities, for every [MASK] in each TEXT, using "
            + "a checkpoint written by `bertstream train` (its model, config and tokenizer).")
public final class FillMaskCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "DIR",
      description =
          "A checkpoint directory (step-NNNNNNNNNN) or a --checkpoint-dir, whose newest"
              + " complete checkpoint is used.")
  Path checkpoint;

  @Option(names = "--top-k", description = "Tokens shown per [MASK] (default: ${DEFAULT-VALUE}).")
  int topK = FillMask.DEFAULT_TOP_K;

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
    try (SavedModel saved = SavedModel.load(checkpoint)) {
      FillMask fillMask = new FillMask(saved.model(), saved.tokenizer());
      out.println("checkpoint: " + saved.checkpoint().directory());
      for (String text : texts) {
        List<List<FillMask.Guess>> guesses;
        try {
          guesses = fillMask.predict(saved.manager(), text, topK);
        } catch (IllegalArgumentException e) {
          err.println("bertstream fill-mask: " + e.getMessage());
          return 2;
        }
        out.println(text);
        for (int i = 0; i < guesses.size(); i++) {
          out.printf(
              java.util.Locale.ROOT, "  [MASK] %d: %s%n", i + 1, FillMask.format(guesses.get(i)));
        }
      }
      out.flush();
      return 0;
    }
  }
}
