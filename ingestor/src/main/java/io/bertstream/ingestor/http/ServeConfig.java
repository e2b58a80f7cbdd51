package io.bertstream.ingestor.http;

import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.http.tls.TlsSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code bertstream ingest serve}.
 *
 * @param host interface to bind ({@code 0.0.0.0} for all)
 * @param port port to listen on (0 picks a free one)
 * @param authToken when present, {@code POST /documents} requires {@code Authorization: Bearer
 *     <token>}; never printed
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param ackTimeout how long a request waits for Kafka's acknowledgements before it fails
 * @param rules id, size and encoding rules shared with file ingestion
 * @param tls when present, the port speaks HTTPS only, with this certificate and key
 * @param rateLimit how many {@code POST /documents} each client may make; over it gets 429
 */
public record ServeConfig(
    String host,
    int port,
    Optional<String> authToken,
    long maxRequestBytes,
    Duration ackTimeout,
    DocumentRules rules,
    Optional<TlsSettings> tls,
    RateLimit rateLimit) {

  public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
  public static final int DEFAULT_PORT = 8080;

  public ServeConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(rateLimit, "rateLimit");
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
   * Every setting at its default: port {@value #DEFAULT_PORT} on every interface, plain HTTP, no
   * token, 16 MiB requests, 30 s for Kafka's acknowledgements, {@link RateLimit#defaults()}, the
   * default document rules.
   */
  public static ServeConfig defaults() {
    return new ServeConfig(
        "0.0.0.0",
        DEFAULT_PORT,
        Optional.empty(),
        DEFAULT_MAX_REQUEST_BYTES,
        Duration.ofSeconds(30),
        DocumentRules.defaults(),
        Optional.empty(),
        RateLimit.defaults());
  }

  public ServeConfig withAddress(String newHost, int newPort) {
    return new ServeConfig(
        newHost, newPort, authToken, maxRequestBytes, ackTimeout, rules, tls, rateLimit);
  }

  public ServeConfig withAuthToken(String token) {
    return new ServeConfig(
        host, port, Optional.of(token), maxRequestBytes, ackTimeout, rules, tls, rateLimit);
  }

  public ServeConfig withMaxRequestBytes(long bytes) {
    return new ServeConfig(host, port, authToken, bytes, ackTimeout, rules, tls, rateLimit);
  }

  public ServeConfig withTls(TlsSettings settings) {
    return new ServeConfig(
        host,
        port,
        authToken,
        maxRequestBytes,
        ackTimeout,
        rules,
        Optional.of(settings),
        rateLimit);
  }

  public ServeConfig withRateLimit(RateLimit limit) {
    return new ServeConfig(host, port, authToken, maxRequestBytes, ackTimeout, rules, tls, limit);
  }

  /** Like the record's own, with the token hidden: configurations end up in logs. */
  @Override
  public String toString() {
    return "ServeConfig[host="
        + host
        + ", port="
        + port
        + ", authToken="
        + (authToken.isPresent() ? "<hidden>" : "none")
        + ", maxRequestBytes="
        + maxRequestBytes
        + ", ackTimeout="
        + ackTimeout
        + ", rules="
        + rules
        + ", tls="
        + tls
        + ", rateLimit="
        + rateLimit
        + "]";
  }
}
