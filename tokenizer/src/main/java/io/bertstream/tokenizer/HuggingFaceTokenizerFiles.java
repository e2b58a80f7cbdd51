package io.bertstream.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A BERT tokenizer as a HuggingFace model directory holds it ({@code save_pretrained}'s layout):
 * {@code tokenizer.json} and/or {@code vocab.txt}, with {@code tokenizer_config.json} and {@code
 * special_tokens_map.json} beside them. Reading prefers tokenizer.json and takes the casing from
 * tokenizer_config.json as transformers does; writing puts all four files there so that {@code
 * AutoTokenizer.from_pretrained} builds a BertTokenizer with the same ids, special tokens and
 * casing.
 */
public final class HuggingFaceTokenizerFiles {

  public static final String TOKENIZER_JSON = "tokenizer.json";
  public static final String VOCAB_TXT = "vocab.txt";
  public static final String TOKENIZER_CONFIG = TokenizerConfigJson.TOKENIZER_CONFIG;
  public static final String SPECIAL_TOKENS_MAP = TokenizerConfigJson.SPECIAL_TOKENS_MAP;

  /** The files {@link #write} writes, in that order. */
  public static final List<String> FILES =
      List.of(TOKENIZER_JSON, VOCAB_TXT, TOKENIZER_CONFIG, SPECIAL_TOKENS_MAP);

  /** BERT's longest input, the {@code model_max_length} of bert-base-uncased. */
  public static final int DEFAULT_MODEL_MAX_LENGTH = 512;

  private HuggingFaceTokenizerFiles() {}

  /**
   * Writes {@link #FILES} for {@code tokenizer} into {@code directory} (created if missing, files
   * replaced). Not atomic: publish the directory as a whole (as checkpoints do) if readers may look
   * while it is written.
   *
   * @param modelMaxLength the longest input the model takes (its position embeddings)
   * @return the files written
   * @throws IllegalArgumentException if transformers' BertTokenizer cannot express the settings
   */
  public static List<Path> write(BertTokenizer tokenizer, Path directory, int modelMaxLength)
      throws IOException {
    Map<String, String> contents = contents(tokenizer, modelMaxLength);
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> file : contents.entrySet()) {
      written.add(
          Files.writeString(
              directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8));
    }
    return List.copyOf(written);
  }

  /**
   * What {@link #write} writes, file name → UTF-8 text in the order of {@link #FILES}, for a caller
   * that writes the files itself (a checkpoint writes each durably into its temporary directory).
   *
   * @throws IllegalArgumentException if transformers' BertTokenizer cannot express the settings
   */
  public static Map<String, String> contents(BertTokenizer tokenizer, int modelMaxLength) {
    WordPieceVocab vocab = tokenizer.vocab();
    if (modelMaxLength <= 0) {
      throw new IllegalArgumentException("model_max_length must be positive: " + modelMaxLength);
    }
    if (!vocab.normalization().cleanText()) {
      throw new IllegalArgumentException(
          "transformers' BertTokenizer always cleans text; this tokenizer does not");
    }
    if (!SpecialTokens.CONTINUATION_PREFIX.equals(vocab.continuationPrefix())) {
      throw new IllegalArgumentException(
          "transformers' BertTokenizer continues words with ##, this tokenizer with "
              + vocab.continuationPrefix());
    }
    Map<String, String> contents = new LinkedHashMap<>();
    contents.put(TOKENIZER_JSON, TokenizerJson.write(vocab));
    contents.put(VOCAB_TXT, VocabTxt.write(vocab));
    contents.put(TOKENIZER_CONFIG, TokenizerConfigJson.write(vocab, modelMaxLength));
    contents.put(SPECIAL_TOKENS_MAP, TokenizerConfigJson.writeSpecialTokensMap(vocab));
    return Collections.unmodifiableMap(contents);
  }

  /** Reads the tokenizer of a model directory, with the casing its tokenizer_config.json sets. */
  static TokenizerDefinition read(Path directory) throws IOException {
    Path json = directory.resolve(TOKENIZER_JSON);
    Path file = Files.isRegularFile(json) ? json : directory.resolve(VOCAB_TXT);
    if (!Files.isRegularFile(file)) {
      throw new InvalidTokenizerException(
          directory + " has no " + TOKENIZER_JSON + " or " + VOCAB_TXT + foundInstead(directory));
    }
    TokenizerDefinition definition = TokenizerDefinition.readFile(file);
    JsonNode config = optionalJson(directory, TOKENIZER_CONFIG);
    TokenizerConfigJson.checkSpecialTokens(
        config, optionalJson(directory, SPECIAL_TOKENS_MAP), definition.vocab());
    return definition.withNormalization(
        TokenizerConfigJson.normalization(config, definition.vocab().normalization()));
  }

  private static JsonNode optionalJson(Path directory, String name) throws IOException {
    Path file = directory.resolve(name);
    if (!Files.isRegularFile(file)) {
      return JsonNodeFactory.instance.objectNode();
    }
    return TokenizerConfigJson.parse(name, Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Names what a directory without BERT tokenizer files holds, e.g. a SentencePiece model. */
  private static String foundInstead(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return "";
    }
    try (Stream<Path> entries = Files.list(directory)) {
      List<String> models =
          entries
              .map(entry -> entry.getFileName().toString())
              .filter(name -> name.endsWith(".model") || name.equals("merges.txt"))
              .sorted()
              .toList();
      return models.isEmpty()
          ? " (a HuggingFace BERT model directory has them)"
          : " (found "
              + String.join(", ", models)
              + ": SentencePiece and BPE tokenizers are not supported, BERT needs WordPiece)";
    }
  }
}
