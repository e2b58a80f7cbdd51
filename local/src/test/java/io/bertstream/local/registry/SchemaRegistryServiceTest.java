package io.bertstream.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.schemas.registry.CompatibilityLevel;
import io.bertstream.schemas.registry.SchemaRegistryException;
import org.junit.jupiter.api.Test;

class SchemaRegistryServiceTest {

  private static final String V1 = record("{\"name\":\"a\",\"type\":\"string\"}");
  private static final String V2 =
      record(
          "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
  private static final String V3 =
      record(
          "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0},"
              + "{\"name\":\"c\",\"type\":\"long\",\"default\":1}");
  private static final String WITHOUT_A = record("{\"name\":\"b\",\"type\":\"int\",\"default\":0}");

  private final InMemorySchemaLog log = new InMemorySchemaLog();
  private final SchemaRegistryService service =
      new SchemaRegistryService(log, CompatibilityLevel.BACKWARD);

  private static String record(String fields) {
    return "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[" + fields + "]}";
  }

  @Test
  void shouldAssignIdsOnePerCanonicalSchemaAcrossSubjects() {
    int a = service.register("a-value", V1);
    int b = service.register("b-value", V1);
    int spaced = service.register("a-value", V1.replace(",", ",  "));
    int next = service.register("a-value", V2);

    assertThat(b).isEqualTo(a);
    assertThat(spaced).isEqualTo(a);
    assertThat(next).isEqualTo(a + 1);
    assertThat(service.versions("a-value")).containsExactly(1, 2);
    assertThat(service.versions("b-value")).containsExactly(1);
  }

  @Test
  void shouldTreatADifferentDefaultAsADifferentSchema() {
    int zero = service.register("s", V2);
    int one = service.register("s", V2.replace("\"default\":0", "\"default\":1"));

    assertThat(one).isNotEqualTo(zero);
  }

  @Test
  void shouldRebuildTheSameStateFromTheLog() {
    int v1 = service.register("s", V1);
    service.register("s", V2);
    service.setLevel("s", "FULL");

    SchemaRegistryService replayed =
        new SchemaRegistryService(log.reader(), CompatibilityLevel.BACKWARD);

    assertThat(replayed.register("s", V1)).isEqualTo(v1);
    assertThat(replayed.version("s", "latest").version()).isEqualTo(2);
    assertThat(replayed.subjectLevel("s")).contains(CompatibilityLevel.FULL);
    assertThat(replayed.register("other", V3)).isEqualTo(3);
  }

  @Test
  void shouldSeeWhatAnotherProcessWroteBeforeAssigningAnId() {
    SchemaRegistryService other =
        new SchemaRegistryService(log.reader(), CompatibilityLevel.BACKWARD);
    int first = service.register("s", V1);

    int second = other.register("t", V2);

    assertThat(second).isEqualTo(first + 1);
    assertThat(service.schemaById(second)).contains("\"b\"");
  }

  @Test
  void shouldCheckOnlyTheLatestVersionUnlessTransitive() {
    service.register("s", V1);
    service.register("s", V2);
    // Reads v2 data (which has b) but not v1 data (which lacks b, and b has no default here).
    String dropsBDefault =
        record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");

    assertThat(service.checkCompatibility("s", "latest", dropsBDefault)).isEmpty();
    assertThat(service.checkCompatibility("s", "1", dropsBDefault)).isNotEmpty();

    service.setLevel("s", "BACKWARD_TRANSITIVE");

    assertThat(service.checkCompatibility("s", "latest", dropsBDefault)).isNotEmpty();
    assertThatThrownBy(() -> service.register("s", dropsBDefault))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void shouldRejectAFieldRemovalUnderForwardButNotBackward() {
    service.register("s", V2);

    assertThat(service.checkCompatibility("s", "latest", WITHOUT_A)).isEmpty();

    service.setLevel(null, "FORWARD");

    assertThat(service.checkCompatibility("s", "latest", WITHOUT_A)).isNotEmpty();
  }

  @Test
  void shouldRegisterAnythingUnderNone() {
    service.register("s", V1);
    service.setLevel("s", "none");

    assertThat(service.register("s", record("{\"name\":\"z\",\"type\":\"boolean\"}"))).isEqualTo(2);
  }

  @Test
  void shouldRejectInvalidSchemasAndLevels() {
    assertThatThrownBy(() -> service.register("s", "{\"type\":\"recrod\"}"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA));
    assertThatThrownBy(() -> service.setLevel("s", "MOSTLY"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e ->
                assertThat(e.errorCode())
                    .isEqualTo(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL));
    assertThat(log.records()).isEmpty();
  }

  @Test
  void shouldWriteNothingWhenTheSchemaIsAlreadyRegistered() {
    service.register("s", V1);
    service.register("s", V1);

    assertThat(log.records()).hasSize(1);
  }
}
