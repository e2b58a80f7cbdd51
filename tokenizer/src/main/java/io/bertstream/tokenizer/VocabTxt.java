package io.bertstream.tokenizer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plain BERT {@code vocab.txt}: one token a line, the line number is the id. It carries no
 * settings, so the casing is inferred: a vocabulary with an upper-case letter outside the {@code
 * [BRACKETED]} special tokens is cased (bert-base-cased), otherwise uncased (bert-base-uncased).
 */
public final class VocabTxt {

  private VocabTxt() {}

  /** The vocabulary of a vocab.txt body, with the BERT settings its casing implies. */
  public static WordPieceVocab read(String text) {
    List<String> tokens = TokenizerJson.vocabLines(text);
    Set<String> seen = new HashSet<>();
    for (String token : tokens) {
      if (!seen.add(token)) {
        throw new IllegalArgumentException("vocab.txt lists the token '" + token + "' twice");
      }
    }
    return WordPieceVocab.bert(tokens, Normalization.of(isCased(tokens)));
  }

  /** The vocab.txt body for {@code vocab}: tokens in id order, each ended by "\n". */
  public static String write(WordPieceVocab vocab) {
    StringBuilder text = new StringBuilder();
    for (String token : vocab.tokens()) {
      text.append(token).append('\n');
    }
    return text.toString();
  }

  static boolean isCased(List<String> tokens) {
    for (String token : tokens) {
      if (token.length() > 2 && token.startsWith("[") && token.endsWith("]")) {
        continue;
      }
      if (token.codePoints().anyMatch(Character::isUpperCase)) {
        return true;
      }
    }
    return false;
  }
}
