package io.bertstream.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small deterministic WordPiece-like tokenizer for tests: lower-cased words and punctuation,
 * words longer than six letters split into a four-letter head and {@code ##} pieces of up to four
 * letters. The vocabulary is fixed up front from a corpus, sorted, so ids never depend on order.
 */
final class TestWordPieces implements WordPieces {

  private static final Pattern WORD = Pattern.compile("\\p{L}+|\\p{N}+|[^\\s\\p{L}\\p{N}]");
  private static final List<String> SPECIALS =
      List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

  private final List<String> tokens;
  private final Map<String, Integer> ids = new HashMap<>();

  private TestWordPieces(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
  }

  static TestWordPieces fromTexts(List<String> texts) {
    TreeSet<String> pieces = new TreeSet<>();
    for (String text : texts) {
      for (String word : words(text)) {
        pieces.addAll(pieces(word));
      }
    }
    List<String> tokens = new ArrayList<>(SPECIALS);
    tokens.addAll(pieces);
    return new TestWordPieces(tokens);
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }

  private static List<String> pieces(String word) {
    if (word.length() <= 6) {
      return List.of(word);
    }
    List<String> pieces = new ArrayList<>();
    pieces.add(word.substring(0, 4));
    for (int i = 4; i < word.length(); i += 4) {
      pieces.add("##" + word.substring(i, Math.min(word.length(), i + 4)));
    }
    return pieces;
  }

  @Override
  public List<int[]> encode(List<String> texts) {
    List<int[]> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      List<Integer> encoded = new ArrayList<>();
      for (String word : words(text)) {
        for (String piece : pieces(word)) {
          encoded.add(ids.getOrDefault(piece, 1));
        }
      }
      out.add(encoded.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  int[] encode(String text) {
    return encode(List.of(text)).get(0);
  }

  @Override
  public String token(int id) {
    return tokens.get(id);
  }

  @Override
  public String fingerprint() {
    return "test-" + tokens.size();
  }

  @Override
  public int vocabSize() {
    return tokens.size();
  }

  @Override
  public int clsId() {
    return 2;
  }

  @Override
  public int sepId() {
    return 3;
  }

  @Override
  public int maskId() {
    return 4;
  }

  int padId() {
    return 0;
  }

  @Override
  public boolean isSpecial(int id) {
    return id < SPECIALS.size();
  }

  @Override
  public boolean isContinuation(int id) {
    return tokens.get(id).startsWith("##");
  }
}
