package io.bertstream.local;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a running local stack (embedded broker and schema registry) in a temporary
 * data dir, started before the first test and stopped after the last.
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();
 *
 * KafkaConnection connection = STACK.connection("my-test"); // my-test.docs, ... exist now
 * }</pre>
 *
 * <p>Tests isolate themselves by using their own topic prefix. {@code @Nested} classes share the
 * outer class's stack.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, AfterAllCallback {

  private Path dataDir;
  private LocalStack stack;
  private Admin admin;
  private String ownerId;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (stack != null) {
      return; // a @Nested class inside the class that started it
    }
    dataDir = Files.createTempDirectory("bertstream-stack-");
    try {
      stack =
          LocalStack.start(new LocalStack.Config(dataDir, 0, 0, ProjectTopics.DEFAULT_PARTITIONS));
    } catch (RuntimeException e) {
      deleteRecursively(dataDir);
      throw e;
    }
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    ownerId = context.getUniqueId();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (stack == null || !context.getUniqueId().equals(ownerId)) {
      return;
    }
    try {
      admin.close();
      stack.close();
    } finally {
      stack = null;
      admin = null;
      deleteRecursively(dataDir);
    }
  }

  /** {@code 127.0.0.1:PORT} of the running broker. */
  public String bootstrapServers() {
    return running().bootstrapServers();
  }

  /** The running schema registry's URL. */
  public String schemaRegistryUrl() {
    return running().schemaRegistryUrl();
  }

  /** The project's topics for {@code topicPrefix}, created with 12 partitions if missing. */
  public KafkaConnection connection(String topicPrefix) {
    return connection(topicPrefix, ProjectTopics.DEFAULT_PARTITIONS);
  }

  /** The project's topics for {@code topicPrefix}, created with {@code partitions} if missing. */
  public KafkaConnection connection(String topicPrefix, int partitions) {
    LocalStack running = running();
    ProjectTopics.create(admin, new TopicNames(topicPrefix), partitions);
    return running.connection(topicPrefix);
  }

  /** An admin client of the running broker, owned by this extension: do not close it. */
  public Admin admin() {
    running();
    return admin;
  }

  private LocalStack running() {
    if (stack == null) {
      throw new IllegalStateException(
          "the stack is not running: register the extension on a static field with"
              + " @RegisterExtension");
    }
    return stack;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
