package io.bertstream.tokenizer.train;

import io.bertstream.tokenizer.BertTokenizer;
import java.util.List;

/** How a tokenizer fares on texts it was not trained on. */
record HeldOutStats(long whitespaceWords, long pieces, long unknown) {

  static HeldOutStats measure(BertTokenizer tokenizer, List<String> texts) {
    long words = 0;
    long pieces = 0;
    long unknown = 0;
    for (String text : texts) {
      for (String word : text.split("\\s+")) {
        if (!word.isEmpty()) {
          words++;
        }
      }
    }
    for (int[] ids : tokenizer.encodeIds(texts)) {
      pieces += ids.length;
      for (int id : ids) {
        if (id == tokenizer.unkId()) {
          unknown++;
        }
      }
    }
    return new HeldOutStats(words, pieces, unknown);
  }

  /** Unknown pieces per piece. */
  double unknownRate() {
    return (double) unknown / pieces;
  }

  /** Word pieces per whitespace-separated word. */
  double fertility() {
    return (double) pieces / whitespaceWords;
  }
}
