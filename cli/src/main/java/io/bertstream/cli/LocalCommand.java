package io.bertstream.cli;

import io.bertstream.local.LocalStack;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bertstream local ...}: the embedded stack for a laptop. */
@Command(
    name = "local",
    description =
        "The embedded single-node stack: a real KRaft Kafka broker and a schema registry.",
    mixinStandardHelpOptions = true,
    subcommands = {LocalCommand.Up.class})
final class LocalCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Starts a KRaft Kafka broker and a Confluent-compatible schema registry in this "
              + "process, creates the project's topics, prints where they listen, and runs until "
              + "stopped (Ctrl-C or SIGTERM shut it down cleanly). A second start on the same "
              + "--data-dir keeps every topic, record and schema id.")
  static final class Up implements Callable<Integer> {

    /** Where the options' defaults come from. */
    private static final LocalStack.Config DEFAULTS = LocalStack.Config.defaults();

    @Option(
        names = "--data-dir",
        description = "Where the broker keeps its log and metadata (default: ${DEFAULT-VALUE}).")
    Path dataDir = DEFAULTS.dataDir();

    @Option(
        names = "--kafka-port",
        description = "Broker port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort = DEFAULTS.kafkaPort();

    @Option(
        names = "--registry-port",
        description = "Schema registry port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort = DEFAULTS.registryPort();

    @Option(
        names = "--partitions",
        description =
            "Partitions of each bertstream.* topic created at start (default: ${DEFAULT-VALUE}).")
    int partitions = DEFAULTS.partitions();

    @Override
    public Integer call() throws Exception {
      LocalStack.Config config =
          new LocalStack.Config(dataDir, kafkaPort, registryPort, partitions);
      ShutdownSignal signal = ShutdownSignal.install("local-up");
      try (LocalStack stack = LocalStack.start(config)) {
        System.out.println("kafka: " + stack.bootstrapServers());
        System.out.println("schema-registry: " + stack.schemaRegistryUrl());
        System.out.flush();
        signal.await();
        System.err.println("local: shutting down");
      } finally {
        signal.done();
      }
      return 0;
    }
  }
}
