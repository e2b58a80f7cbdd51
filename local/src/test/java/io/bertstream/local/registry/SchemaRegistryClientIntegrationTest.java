package io.bertstream.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.schemas.registry.CompatibilityLevel;
import io.bertstream.schemas.registry.RegisteredSchema;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.testing.incompatible.Greeting;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST client against the embedded registry; each test uses its own subjects. */
class SchemaRegistryClientIntegrationTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final Schema V1 = io.bertstream.schemas.testing.v1.Greeting.getClassSchema();
  private static final Schema V2 = io.bertstream.schemas.testing.v2.Greeting.getClassSchema();
  private static final Schema INCOMPATIBLE = Greeting.getClassSchema();

  private static SchemaRegistryClient newClient() {
    return SchemaRegistryClient.create(Map.of("schema.registry.url", STACK.schemaRegistryUrl()));
  }

  @Test
  void shouldReturnTheSameIdWhenTheSameSchemaIsRegisteredTwice() {
    int first = newClient().register("twice-value", V1);
    int second = newClient().register("twice-value", V1);

    assertThat(second).isEqualTo(first);
    assertThat(newClient().latest("twice-value").version()).isEqualTo(1);
  }

  @Test
  void shouldGiveTheSameSchemaTheSameIdUnderAnySubject() {
    SchemaRegistryClient client = newClient();

    assertThat(client.register("shared-b-value", V2))
        .isEqualTo(client.register("shared-a-value", V2));
    assertThat(client.subjects()).contains("shared-a-value", "shared-b-value");
  }

  @Test
  void shouldFetchSchemaByIdAndLatestVersion() {
    SchemaRegistryClient client = newClient();
    int v1 = client.register("fetch-value", V1);
    int v2 = client.register("fetch-value", V2);

    assertThat(v2).isNotEqualTo(v1);
    assertThat(newClient().schemaById(v1)).isEqualTo(V1);
    assertThat(newClient().latest("fetch-value"))
        .isEqualTo(new RegisteredSchema("fetch-value", 2, v2, V2));
    assertThat(newClient().lookup("fetch-value", V1))
        .isEqualTo(new RegisteredSchema("fetch-value", 1, v1, V1));
  }

  @Test
  void shouldRejectAnIncompatibleChangeWith409() {
    SchemaRegistryClient client = newClient();
    client.register("evolve-value", V1);

    assertThat(client.isCompatible("evolve-value", V2)).isTrue();
    assertThat(client.isCompatible("evolve-value", INCOMPATIBLE)).isFalse();
    assertThatThrownBy(() -> client.register("evolve-value", INCOMPATIBLE))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
            })
        .hasMessageContaining("incompatible")
        .hasMessageContaining("priority");
    assertThat(client.latest("evolve-value").schema()).isEqualTo(V1);
  }

  @Test
  void shouldReadAndSetCompatibilityPerSubject() {
    SchemaRegistryClient client = newClient();
    client.register("config-value", V1);

    assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.compatibility("config-value")).isEmpty();

    client.setCompatibility("config-value", CompatibilityLevel.NONE);

    assertThat(client.compatibility("config-value")).contains(CompatibilityLevel.NONE);
    assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.register("config-value", INCOMPATIBLE)).isPositive();
  }

  @Test
  void shouldCheckTheOtherDirectionWhenSubjectIsSetToForward() {
    SchemaRegistryClient client = newClient();
    client.register("forward-value", V1);
    // Dropping a field without a default: new readers manage, v1 readers would miss it.
    Schema idOnly =
        SchemaBuilder.record(V1.getName())
            .namespace(V1.getNamespace())
            .fields()
            .requiredString("id")
            .endRecord();

    assertThat(client.isCompatible("forward-value", idOnly)).isTrue();

    client.setCompatibility("forward-value", CompatibilityLevel.FORWARD);

    assertThat(client.isCompatible("forward-value", idOnly)).isFalse();
    assertThat(client.isCompatible("forward-value", V2)).isTrue();
  }

  @Test
  void shouldAnswerUnknownSubjectVersionAndIdWithConfluentErrorCodes() {
    SchemaRegistryClient client = newClient();
    client.register("codes-value", V1);

    assertThat(errorCode(() -> client.latest("no-such-subject")))
        .isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
    assertThat(errorCode(() -> client.schemaById(987_654)))
        .isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
    assertThat(errorCode(() -> client.lookup("codes-value", V2)))
        .isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
  }

  @Test
  void shouldShareSchemasWithASecondRegistryOnTheSameBroker() {
    try (EmbeddedSchemaRegistry second =
        EmbeddedSchemaRegistry.start(STACK.bootstrapServers(), 0)) {
      SchemaRegistryClient other =
          SchemaRegistryClient.create(Map.of("schema.registry.url", second.url()));
      int id = newClient().register("two-registries-value", V1);

      assertThat(other.schemaById(id)).isEqualTo(V1);
      assertThat(other.register("two-registries-value", V1)).isEqualTo(id);
      int v2 = other.register("two-registries-value", V2);
      assertThat(newClient().latest("two-registries-value").id()).isEqualTo(v2);
    }
  }

  private static int errorCode(Runnable call) {
    try {
      call.run();
    } catch (SchemaRegistryException e) {
      return e.errorCode();
    }
    throw new AssertionError("expected a SchemaRegistryException");
  }
}
