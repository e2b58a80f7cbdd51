package io.bertstream.cli;

import io.bertstream.runtime.OpsSettings;
import picocli.CommandLine.Option;

/**
 * {@code --ops-host} and {@code --ops-port}: where a long-running service serves {@code /metrics}
 * and {@code /health/*}, named the same in every service. Each service has its own default port,
 * which its configuration type holds, so it mixes the options in with those defaults: {@code @Mixin
 * OpsOptions ops = new OpsOptions(TrainerConfig.defaults().ops());}. They are the fields' initial
 * values, which picocli shows as the defaults in help; {@code BERTSTREAM_OPS_PORT} and the config
 * file's {@code ops-port} override them through {@link ConfigLayers}, and the flags override those.
 */
final class OpsOptions {

  @Option(
      names = "--ops-host",
      paramLabel = "HOST",
      description =
          "Interface of /metrics, /health/live and /health/ready; 0.0.0.0 for all"
              + " (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--ops-port",
      paramLabel = "PORT",
      description =
          "Port of /metrics, /health/live and /health/ready; 0 picks a free one, -1 turns it off"
              + " (default: ${DEFAULT-VALUE}).")
  int port;

  OpsOptions(OpsSettings defaults) {
    this.host = defaults.host();
    this.port = defaults.port();
  }

  /** The settings these options describe. */
  OpsSettings settings() {
    return new OpsSettings(host, port);
  }
}
