package io.bertstream.tokenizer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Everything that decides how text becomes ids: the vocabulary in id order, the normalizer
 * settings, the unknown token, the continuation prefix and the special tokens.
 */
public record WordPieceVocab(
    List<String> tokens,
    Normalization normalization,
    String unkToken,
    String continuationPrefix,
    Set<String> specialTokens) {

  public WordPieceVocab {
    tokens = List.copyOf(tokens);
    specialTokens = Set.copyOf(specialTokens);
    if (!tokens.contains(unkToken)) {
      throw new IllegalArgumentException("the vocabulary has no unknown token " + unkToken);
    }
  }

  /** A BERT vocabulary with the standard special tokens and {@code ##} continuations. */
  public static WordPieceVocab bert(List<String> tokens, Normalization normalization) {
    Set<String> special = Set.copyOf(SpecialTokens.ALL.stream().filter(tokens::contains).toList());
    return new WordPieceVocab(
        tokens, normalization, SpecialTokens.UNK, SpecialTokens.CONTINUATION_PREFIX, special);
  }

  /** The same vocabulary and tokens with other normalizer settings. */
  public WordPieceVocab withNormalization(Normalization other) {
    return new WordPieceVocab(tokens, other, unkToken, continuationPrefix, specialTokens);
  }

  /**
   * A short hex SHA-256 over the settings and the vocabulary in id order: the {@code tokenizer_id}
   * written into every example. The same for a tokenizer.json and the vocab.txt beside it.
   */
  public String fingerprint() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    StringBuilder header =
        new StringBuilder("bertstream-wordpiece-v1\n")
            .append(normalization.describe())
            .append("\nunk=")
            .append(unkToken)
            .append("\nprefix=")
            .append(continuationPrefix)
            .append('\n');
    sha.update(header.toString().getBytes(StandardCharsets.UTF_8));
    for (String token : tokens) {
      sha.update(token.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 8);
  }
}
