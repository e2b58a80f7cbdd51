package io.bertstream.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.local.LocalStack;
import io.bertstream.local.LocalStackException;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.testing.v1.Greeting;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema ids live in the broker's {@code _schemas} topic, so they outlive the process. */
class RegistryRestartTest {

  private static final Schema V1 = Greeting.getClassSchema();
  private static final Schema V2 = io.bertstream.schemas.testing.v2.Greeting.getClassSchema();

  @TempDir Path dataDir;

  private static SchemaRegistryClient client(String url) {
    return SchemaRegistryClient.create(Map.of("schema.registry.url", url));
  }

  @Test
  void shouldKeepIdsWhenTheStackRestartsOnTheSameDataDir() {
    LocalStack.Config config = new LocalStack.Config(dataDir, 0, 0, 1);
    int v1;
    int v2;
    try (LocalStack stack = LocalStack.start(config)) {
      SchemaRegistryClient client = client(stack.schemaRegistryUrl());
      v1 = client.register("restart-value", V1);
      v2 = client.register("restart-value", V2);
    }

    try (LocalStack stack = LocalStack.start(config)) {
      SchemaRegistryClient client = client(stack.schemaRegistryUrl());

      assertThat(client.schemaById(v1)).isEqualTo(V1);
      assertThat(client.register("restart-value", V1)).isEqualTo(v1);
      assertThat(client.register("restart-value", V2)).isEqualTo(v2);
      assertThat(client.latest("restart-value").version()).isEqualTo(2);
      int fresh =
          client.register(
              "restart-other-value",
              io.bertstream.schemas.testing.incompatible.Greeting.getClassSchema());
      assertThat(fresh).isGreaterThan(Math.max(v1, v2));
    }
  }

  @Test
  void shouldNameTheRegistryPortAndReleaseTheBrokerWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      LocalStack.Config config = new LocalStack.Config(dataDir, 0, taken.getLocalPort(), 1);

      assertThatThrownBy(() -> LocalStack.start(config))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining(":" + taken.getLocalPort());
    }
    // The failed start closed its broker, so the data dir is free again.
    try (LocalStack stack = LocalStack.start(new LocalStack.Config(dataDir, 0, 0, 1))) {
      assertThat(stack.schemaRegistryUrl()).startsWith("http://127.0.0.1:");
    }
  }
}
