package io.bertstream.ingestor.http.tls;

/**
 * The TLS files cannot be used: missing, unreadable, not what they should be, or a key that does
 * not belong to the certificate. The message is one line naming the file and what to do.
 */
public final class TlsSetupException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TlsSetupException(String message) {
    super(message);
  }

  TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
