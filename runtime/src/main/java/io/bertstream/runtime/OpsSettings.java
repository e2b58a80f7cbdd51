package io.bertstream.runtime;

import java.util.Objects;

/**
 * Where a long-running service serves {@link OpsServer}'s {@code /metrics} and {@code /health/*}:
 * every service names these settings the same way ({@code --ops-host}, {@code --ops-port}).
 *
 * @param host the interface to bind ({@link #ALL_INTERFACES} for every one)
 * @param port the port; 0 picks a free one, a negative port turns the server off
 */
public record OpsSettings(String host, int port) {

  public static final String ALL_INTERFACES = "0.0.0.0";

  /** No ops server. */
  public static final OpsSettings OFF = new OpsSettings(ALL_INTERFACES, -1);

  public OpsSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("ops-host must not be blank");
    }
    if (port > 65535) {
      throw new IllegalArgumentException("ops-port must be at most 65535: " + port);
    }
    port = Math.max(port, -1);
  }

  /** {@code port} on every interface. */
  public static OpsSettings on(int port) {
    return new OpsSettings(ALL_INTERFACES, port);
  }

  /** Whether a server is started at all. */
  public boolean enabled() {
    return port >= 0;
  }

  public OpsSettings withHost(String newHost) {
    return new OpsSettings(newHost, port);
  }

  public OpsSettings withPort(int newPort) {
    return new OpsSettings(host, newPort);
  }
}
