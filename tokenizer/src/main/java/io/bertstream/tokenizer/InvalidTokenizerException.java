package io.bertstream.tokenizer;

/**
 * A tokenizer path that bertstream cannot use: missing, not a BERT WordPiece tokenizer, or settings
 * it does not support. Bad input rather than a failure, so the command line reports it as bad
 * usage; the message is one line that names the path.
 */
public final class InvalidTokenizerException extends IllegalArgumentException {

  public InvalidTokenizerException(String message) {
    super(message);
  }

  public InvalidTokenizerException(String message, Throwable cause) {
    super(message, cause);
  }
}
