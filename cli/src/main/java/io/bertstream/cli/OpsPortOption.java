package io.bertstream.cli;

import picocli.CommandLine.Option;

/**
 * {@code --ops-port}: where a long-running service serves {@code /metrics} and {@code /health/*}.
 * Each service has its own default port, so it mixes the option in with that port: {@code @Mixin
 * OpsPortOption ops = new OpsPortOption(9400);}. The port given here is the field's initial value,
 * which picocli shows as the default in help; {@code BERTSTREAM_OPS_PORT} and the config file's
 * {@code ops-port} override it through {@link ConfigLayers}, and the flag overrides them.
 */
final class OpsPortOption {

  @Option(
      names = "--ops-port",
      paramLabel = "PORT",
      description =
          "Port of /metrics, /health/live and /health/ready; 0 picks a free one, -1 turns it off"
              + " (default: ${DEFAULT-VALUE}).")
  int opsPort;

  OpsPortOption(int defaultPort) {
    this.opsPort = defaultPort;
  }

  /** The port; 0 for any free one, negative for no server. */
  int port() {
    return opsPort;
  }
}
