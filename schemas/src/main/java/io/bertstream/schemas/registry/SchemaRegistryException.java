package io.bertstream.schemas.registry;

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

  /** The HTTP status, or 0 when the registry could not be reached. */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code} (e.g. 40401), or the HTTP status when it sent none. */
  public int errorCode() {
    return errorCode;
  }

  /** Whether the registry answered that the request itself was wrong (HTTP 4xx). */
  public boolean isClientError() {
    return status >= 400 && status < 500;
  }
}
