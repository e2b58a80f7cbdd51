package io.bertstream.stream;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.TopicNames;
import io.bertstream.stream.recipe.RecipeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One tokenizer-stream instance in its own JVM, for tests that SIGKILL it: {@link
 * TokenizerStream#run} as {@code bertstream tokenize} runs it, plus two interceptors that report
 * the input partitions it consumed and pause it inside an open transaction when the test arms it
 * (see {@link FaultChildProtocol}). Arguments are those of {@link #arguments}.
 */
public final class FaultChild {

  /** How long a dead instance keeps its tasks: short, as in the other integration tests. */
  static final Map<String, String> FAST_GROUP =
      Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000");

  private FaultChild() {}

  /**
   * The command line of a child.
   *
   * @param name the instance's client id, as a pod name would be
   * @param stateDir Kafka Streams' state directory: fresh for a new pod, the same for a restarted
   *     one
   */
  static List<String> arguments(
      KafkaConnection connection,
      Path tokenizer,
      long seed,
      String name,
      Path stateDir,
      Path controlDir) {
    return List.of(
        connection.bootstrapServers(),
        connection.schemaRegistryUrl(),
        connection.topics().prefix(),
        tokenizer.toString(),
        Long.toString(seed),
        name,
        stateDir.toString(),
        controlDir.toString());
  }

  public static void main(String[] args) throws Exception {
    exitWithTheTest();
    TopicNames topics = new TopicNames(args[2]);
    Map<String, String> properties = new HashMap<>(FAST_GROUP);
    properties.put("client.id", args[5]);
    properties.put("producer.interceptor.classes", PausingProducerInterceptor.class.getName());
    properties.put(
        "main.consumer.interceptor.classes", ConsumedPartitionsInterceptor.class.getName());
    properties.put(FaultChildProtocol.CONTROL_DIR, args[7]);
    properties.put(
        FaultChildProtocol.EXAMPLE_TOPICS, topics.examples() + "," + topics.examplesEval());
    KafkaConnection connection = new KafkaConnection(args[0], args[1], topics, properties);
    TokenizerStreamConfig config =
        TokenizerStreamConfig.of(connection, Path.of(args[3]))
            .withRecipe(RecipeConfig.defaults().withSeed(Long.parseLong(args[4])))
            .withStateDir(Path.of(args[6]))
            .withOps(OpsSettings.OFF);
    int status =
        TokenizerStream.run(
            config,
            stream -> {
              try {
                if (stream.awaitRunning(Duration.ofMinutes(2))) {
                  System.out.println(FaultChildProtocol.RUNNING);
                  System.out.flush();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    System.out.println(FaultChildProtocol.MARK + "stopped with status " + status);
    System.exit(status);
  }

  /**
   * The test holds this process's stdin open; when the test's JVM ends, even killed, stdin closes
   * and this instance halts too, so no instance outlives its test.
   */
  private static void exitWithTheTest() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Nothing is ever written: any byte is ignored.
                }
              } catch (IOException e) {
                System.out.println(FaultChildProtocol.MARK + "stdin failed: " + e);
              }
              Runtime.getRuntime().halt(3);
            },
            "exit-with-the-test");
    watcher.setDaemon(true);
    watcher.start();
  }
}
