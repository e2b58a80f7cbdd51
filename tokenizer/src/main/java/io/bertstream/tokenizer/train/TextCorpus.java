package io.bertstream.tokenizer.train;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The texts a vocabulary is trained on. Training never reads files or topics itself: whoever knows
 * the source (the CLI, reading corpus files exactly as {@code bertstream ingest} does, or a docs
 * topic) hands the texts over, in a fixed order so training stays deterministic. Word counts do not
 * depend on how the texts are cut: a file given whole or line by line counts the same.
 */
@FunctionalInterface
public interface TextCorpus {

  /**
   * Hands every text to {@code sink}, in the corpus's fixed order.
   *
   * @param detail describes the counting so far, for the corpus's progress lines
   * @return how many entries were skipped as unusable (bad lines, unreadable files, undecodable
   *     records)
   */
  long read(Consumer<String> sink, Supplier<String> detail) throws IOException;

  /** The texts of {@code texts}, in iteration order; nothing skipped. */
  static TextCorpus of(Iterable<String> texts) {
    return (sink, detail) -> {
      texts.forEach(sink);
      return 0;
    };
  }
}
