package io.bertstream.cli;

import io.bertstream.trainer.export.ModelCard;
import io.bertstream.trainer.export.ModelExport;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bertstream export}: a checkpoint as a clean HuggingFace model directory to publish. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write a checkpoint as a model directory to publish or load with transformers:"
            + " model.safetensors, config.json, the tokenizer files (tokenizer.json, vocab.txt,"
            + " tokenizer_config.json, special_tokens_map.json) and a README.md model card (steps,"
            + " examples and tokens seen, source topic, tokenizer fingerprint, last evaluation,"
            + " version, how to load it). No optimizer state, offsets or manifest. The directory"
            + " is written beside --out and renamed into place when complete.")
public final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "DIR",
      description =
          "A checkpoint directory (step-NNNNNNNNNN) or a --checkpoint-dir, whose newest"
              + " complete checkpoint is exported.")
  Path checkpoint;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The model directory to write; refused if it exists and is not empty.")
  Path out;

  @Option(
      names = "--force",
      description = "Replace --out if it exists and is not empty (the old one is removed whole).")
  boolean force;

  @Override
  public Integer call() throws Exception {
    ModelCard card;
    try {
      card = ModelExport.write(checkpoint, out, force, Bertstream.Version.line());
    } catch (FileAlreadyExistsException e) {
      throw new ParameterException(spec.commandLine(), e.getFile(), e);
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "exported %s (step %d, %d examples) to %s%n",
            card.checkpoint(),
            card.step(),
            card.examples(),
            out);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
