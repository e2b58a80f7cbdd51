package io.bertstream.trainer.input;

/** An example was made with another tokenizer than the model's: training on it would be garbage. */
public final class TokenizerMismatchException extends RuntimeException {

  public TokenizerMismatchException(String where, String found, String expected) {
    super(
        String.format(
            java.util.Locale.ROOT,
            "example at %s was made with tokenizer %s, but the model uses tokenizer %s;"
                + " train with the tokenizer that produced the topic (--tokenizer), or a new"
                + " --checkpoint-dir / --topic-prefix for a new tokenizer",
            where,
            found,
            expected));
  }
}
