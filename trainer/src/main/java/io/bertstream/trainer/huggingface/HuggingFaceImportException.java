package io.bertstream.trainer.huggingface;

/**
 * A HuggingFace model directory that cannot be imported, with a one-line message that says why and
 * what to do; a command line prints it as it is and exits with a usage error.
 */
public final class HuggingFaceImportException extends RuntimeException {

  public HuggingFaceImportException(String message) {
    super(message);
  }

  public HuggingFaceImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
