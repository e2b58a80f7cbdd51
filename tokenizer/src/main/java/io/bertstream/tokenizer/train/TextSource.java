package io.bertstream.tokenizer.train;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the texts of a training corpus come from: files, a topic, a list. Word counting consumes
 * any of them the same way; a source hands its texts over in a fixed order so training stays
 * deterministic.
 */
@FunctionalInterface
public interface TextSource {

  /**
   * Hands every text to {@code sink}, in the source's fixed order.
   *
   * @param detail describes the counting so far, for the source's progress lines
   * @return how many entries were skipped as unreadable
   */
  long read(Consumer<String> sink, Supplier<String> detail) throws IOException;

  /** The texts of {@code texts}, in iteration order; nothing skipped. */
  static TextSource of(Iterable<String> texts) {
    return (sink, detail) -> {
      texts.forEach(sink);
      return 0;
    };
  }
}
