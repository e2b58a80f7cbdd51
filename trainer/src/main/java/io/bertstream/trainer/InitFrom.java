package io.bertstream.trainer;

import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.HuggingFaceTokenizerFiles;
import io.bertstream.trainer.huggingface.HuggingFaceCheckpoint;
import io.bertstream.trainer.huggingface.HuggingFaceConfig;
import io.bertstream.trainer.huggingface.HuggingFaceImportException;
import io.bertstream.trainer.huggingface.ImportReport;
import io.bertstream.trainer.model.BertConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start of a run from a published BERT ({@code --init-from DIR}) into an empty checkpoint
 * directory: the model's shape comes from DIR's config.json and its weights from DIR. Before a
 * parameter is built it checks what would otherwise train a model on the wrong ids or in the wrong
 * shape — size flags that disagree with config.json, a vocabulary size that differs from the
 * tokenizer's, a {@code --tokenizer} other than the one DIR holds — and refuses each with a {@link
 * HuggingFaceImportException} whose one line says what to do.
 */
final class InitFrom implements AutoCloseable {

  private final HuggingFaceCheckpoint checkpoint;

  private InitFrom(HuggingFaceCheckpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  /**
   * Opens DIR: its config and the headers of its weights, so that a directory that cannot be used
   * is refused before anything else is loaded.
   */
  static InitFrom open(Path directory) throws IOException {
    return new InitFrom(HuggingFaceCheckpoint.open(directory));
  }

  Path directory() {
    return checkpoint.directory();
  }

  /**
   * The shape to build: config.json's, with {@code --dropout} if given.
   *
   * @throws HuggingFaceImportException when a size flag, the tokenizer's vocabulary or its
   *     fingerprint disagrees with DIR
   */
  BertConfig modelConfig(TrainerConfig config, BertTokenizer tokenizer) throws IOException {
    BertConfig model = checkpoint.bertConfig();
    requireNoSizeFlags(config, model);
    requireVocabulary(config, tokenizer, model);
    return config.overrides().dropout() == null
        ? model
        : model.toBuilder().dropout(config.overrides().dropout()).build();
  }

  /**
   * Sets the session's parameters from DIR (a missing pooler or head starts fresh; the report says
   * which) and closes DIR's files.
   */
  ImportReport load(TrainingSession session) throws IOException {
    try {
      return session.initFrom(checkpoint);
    } finally {
      checkpoint.close();
    }
  }

  private void requireNoSizeFlags(TrainerConfig config, BertConfig model) {
    List<String> conflicts = new ArrayList<>();
    if (config.preset() != null) {
      BertConfig preset = BertConfig.preset(config.preset(), model.vocabSize());
      if (preset.numLayers() != model.numLayers()
          || preset.hiddenSize() != model.hiddenSize()
          || preset.numHeads() != model.numHeads()
          || preset.intermediateSize() != model.intermediateSize()) {
        conflicts.add("--preset " + config.preset() + " (" + size(preset) + ")");
      }
    }
    ModelOverrides flags = config.overrides();
    conflict(conflicts, "--layers", flags.layers(), model.numLayers());
    conflict(conflicts, "--hidden-size", flags.hidden(), model.hiddenSize());
    conflict(conflicts, "--heads", flags.heads(), model.numHeads());
    conflict(conflicts, "--intermediate-size", flags.intermediate(), model.intermediateSize());
    conflict(conflicts, "--max-positions", flags.maxPositions(), model.maxPositions());
    if (!conflicts.isEmpty()) {
      throw new HuggingFaceImportException(
          String.join(", ", conflicts)
              + " disagree"
              + (conflicts.size() == 1 ? "s" : "")
              + " with "
              + configFile()
              + " ("
              + size(model)
              + ", "
              + model.maxPositions()
              + " positions): with --init-from the model's size comes from its config.json;"
              + " leave out --preset and the size flags");
    }
  }

  private static void conflict(List<String> conflicts, String flag, Integer value, int model) {
    if (value != null && value != model) {
      conflicts.add(flag + " " + value);
    }
  }

  private void requireVocabulary(TrainerConfig config, BertTokenizer tokenizer, BertConfig model)
      throws IOException {
    boolean ownTokenizer = sameFile(config.tokenizer(), directory());
    String useOwn =
        ownTokenizer
            ? ""
            : "; tokenize and train with the model's own tokenizer (--tokenizer "
                + directory()
                + ", or leave --tokenizer out)";
    if (model.vocabSize() != tokenizer.vocabSize()) {
      throw new HuggingFaceImportException(
          configFile()
              + " has vocab_size "
              + model.vocabSize()
              + ", but the tokenizer "
              + config.tokenizer()
              + " has "
              + tokenizer.vocabSize()
              + " tokens"
              + useOwn);
    }
    if (ownTokenizer || !holdsTokenizer(directory())) {
      return;
    }
    String own;
    try (BertTokenizer dirTokenizer = BertTokenizer.load(directory())) {
      own = dirTokenizer.fingerprint();
    }
    if (!own.equals(tokenizer.fingerprint())) {
      throw new HuggingFaceImportException(
          "--tokenizer "
              + config.tokenizer()
              + " (fingerprint "
              + tokenizer.fingerprint()
              + ") is not the tokenizer of "
              + directory()
              + " (fingerprint "
              + own
              + "): the model's embeddings belong to its own vocabulary"
              + useOwn);
    }
  }

  private static boolean holdsTokenizer(Path directory) {
    return Files.isRegularFile(directory.resolve(HuggingFaceTokenizerFiles.TOKENIZER_JSON))
        || Files.isRegularFile(directory.resolve(HuggingFaceTokenizerFiles.VOCAB_TXT));
  }

  private static boolean sameFile(Path a, Path b) throws IOException {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())
        || (Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b));
  }

  private Path configFile() {
    return directory().resolve(HuggingFaceConfig.FILE_NAME);
  }

  private static String size(BertConfig c) {
    return String.format(
        Locale.ROOT,
        "%d layers, hidden %d, %d heads, intermediate %d",
        c.numLayers(),
        c.hiddenSize(),
        c.numHeads(),
        c.intermediateSize());
  }

  @Override
  public void close() throws IOException {
    checkpoint.close();
  }
}
