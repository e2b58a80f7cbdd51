package io.bertstream.ingestor.http;

import io.bertstream.ingestor.DocumentRules;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bertstream ingest serve}.
 *
 * @param host interface to bind ({@code 0.0.0.0} for all)
 * @param port port to listen on (0 picks a free one)
 * @param authToken when present, {@code POST /documents} requires {@code Authorization: Bearer
 *     <token>}
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param ackTimeout how long a request waits for Kafka's acknowledgements before it fails
 * @param rules id, size and encoding rules shared with file ingestion
 */
public record ServeConfig(
    String host,
    int port,
    Optional<String> authToken,
    long maxRequestBytes,
    Duration ackTimeout,
    DocumentRules rules) {

  public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_PORT = 8080;

  public ServeConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    Objects.requireNonNull(rules, "rules");
    if (maxRequestBytes <= 0 || maxRequestBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("max request size out of range: " + maxRequestBytes);
    }
    authToken.ifPresent(
        token -> {
          if (token.isBlank()) {
            throw new IllegalArgumentException("the auth token must not be blank");
          }
        });
  }

  /**
   * Every setting at its default: port {@value #DEFAULT_PORT} on every interface, no token, 16 MiB
   * requests, 30 s for Kafka's acknowledgements, the default document rules.
   */
  public static ServeConfig defaults() {
    return new ServeConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        Optional.empty(),
        DEFAULT_MAX_REQUEST_BYTES,
        Duration.ofSeconds(30),
        DocumentRules.defaults());
  }
}
