package io.bertstream.local;

/**
 * The local stack could not start: a port is taken, the data dir is in use, or the broker failed.
 */
public class LocalStackException extends RuntimeException {

  public LocalStackException(String message) {
    super(message);
  }

  public LocalStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
