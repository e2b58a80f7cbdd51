package io.bertstream.runtime;

/**
 * The connection settings cannot work with the cluster as it is, e.g. a PLAINTEXT client of a TLS
 * listener: no retry can fix it. The message is one line that says what to set, with no secret.
 */
public final class MisconfiguredConnectionException extends RuntimeException {

  public MisconfiguredConnectionException(String message) {
    super(message);
  }
}
