package io.bertstream.schemas.registry;

import javax.net.ssl.SSLException;

/**
 * A request the registry refused or could not serve. Carries the HTTP status (0 when no response
 * arrived at all) and the registry's own {@code error_code}, as in Confluent's REST API.
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code error_code} values of the Confluent REST API that this project produces or reads. */
  public static final int SUBJECT_NOT_FOUND = 40401;

  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int STORE_ERROR = 50001;

  private final int status;
  private final int errorCode;

  public SchemaRegistryException(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status, or 0 when no answer came (unreachable, or TLS failed). */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code} (e.g. 40401), or the HTTP status when it sent none. */
  public int errorCode() {
    return errorCode;
  }

  /**
   * Whether the fault lies with this client's request or settings, so that asking again cannot
   * help: the registry answered HTTP 4xx (a bad request, or credentials it refused), or the TLS
   * handshake failed ({@link #isTlsFailure()}).
   */
  public boolean isClientError() {
    return (status >= 400 && status < 500) || isTlsFailure();
  }

  /**
   * Whether no answer came because TLS with the registry failed: this client does not trust its
   * certificate, or the registry refused this client's. Found through the causes, so it holds for
   * an exception that wraps another to name a record.
   */
  public boolean isTlsFailure() {
    if (status != 0) {
      return false;
    }
    for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException) {
        return true;
      }
    }
    return false;
  }
}
