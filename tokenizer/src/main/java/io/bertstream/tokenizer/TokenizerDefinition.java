package io.bertstream.tokenizer;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tokenizer.json text that DJL encodes with and the vocabulary and settings read from it, kept
 * in step: the fingerprint is computed from {@code vocab}, so {@code json} must never say anything
 * else about normalization or ids.
 */
record TokenizerDefinition(String json, WordPieceVocab vocab) {

  /**
   * A {@code tokenizer.json} (any file whose content is a JSON object) or a {@code vocab.txt}
   * (anything else).
   */
  static TokenizerDefinition readFile(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new InvalidTokenizerException(
          file + " is not UTF-8 text, so neither a tokenizer.json nor a vocab.txt", e);
    }
    if (text.stripLeading().startsWith("{")) {
      return new TokenizerDefinition(text, TokenizerJson.read(text));
    }
    return of(VocabTxt.read(text));
  }

  /** The standard BERT tokenizer.json for {@code vocab}. */
  static TokenizerDefinition of(WordPieceVocab vocab) {
    return new TokenizerDefinition(TokenizerJson.write(vocab), vocab);
  }

  /** The same tokenizer with other normalizer settings (the rest of the JSON kept as it is). */
  TokenizerDefinition withNormalization(Normalization normalization) {
    if (normalization.equals(vocab.normalization())) {
      return this;
    }
    return new TokenizerDefinition(
        TokenizerJson.withNormalization(json, normalization),
        vocab.withNormalization(normalization));
  }
}
