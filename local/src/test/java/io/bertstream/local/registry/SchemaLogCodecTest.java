package io.bertstream.local.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.schemas.registry.CompatibilityLevel;
import org.junit.jupiter.api.Test;

class SchemaLogCodecTest {

  private final SchemaLogCodec codec = new SchemaLogCodec();

  @Test
  void shouldRoundTripSchemaAndConfigRecords() {
    var version = new SchemaLogRecord.SchemaVersion("s-value", 3, 17, "\"string\"");
    var global = new SchemaLogRecord.Config(null, CompatibilityLevel.FULL);
    var subject = new SchemaLogRecord.Config("s-value", CompatibilityLevel.NONE);

    assertThat(codec.decode(codec.key(version), codec.value(version))).contains(version);
    assertThat(codec.decode(codec.key(global), codec.value(global))).contains(global);
    assertThat(codec.decode(codec.key(subject), codec.value(subject))).contains(subject);
  }

  @Test
  void shouldKeyByWhatARecordSetsSoCompactionKeepsTheNewest() {
    assertThat(codec.key(new SchemaLogRecord.SchemaVersion("s", 1, 5, "\"int\"")))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}")
        .isEqualTo(codec.key(new SchemaLogRecord.SchemaVersion("s", 1, 6, "\"long\"")));
    assertThat(codec.key(new SchemaLogRecord.Config(null, CompatibilityLevel.FULL)))
        .isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
  }

  @Test
  void shouldSkipTombstonesDeletedVersionsAndForeignRecords() {
    String key = "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}";

    assertThat(codec.decode(key, null)).isEmpty();
    assertThat(
            codec.decode(
                key,
                "{\"subject\":\"s\",\"version\":1,\"id\":1,\"schema\":\"\\\"int\\\"\",\"deleted\":true}"))
        .isEmpty();
    assertThat(codec.decode("{\"keytype\":\"NOOP\",\"magic\":0}", "{}")).isEmpty();
  }
}
