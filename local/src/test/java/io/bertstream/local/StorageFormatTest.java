package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFormatTest {

  @TempDir Path dir;

  @Test
  void shouldFormatAnEmptyDirectoryOnceAndKeepItsClusterId() throws Exception {
    BrokerSettings settings = new BrokerSettings(dir.resolve("logs"), 9092, 9093);

    String first = StorageFormat.ensureFormatted(settings);
    Path meta = dir.resolve("logs").resolve(StorageFormat.META_PROPERTIES);
    String written = Files.readString(meta);
    String second = StorageFormat.ensureFormatted(settings);

    assertThat(first).isNotBlank();
    assertThat(written).contains("cluster.id=" + first).contains("node.id=1");
    assertThat(second).isEqualTo(first);
    assertThat(Files.readString(meta)).isEqualTo(written);
  }

  @Test
  void shouldRefuseAMetaPropertiesWithoutClusterId() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Files.writeString(logs.resolve(StorageFormat.META_PROPERTIES), "node.id=1\n");

    assertThatThrownBy(() -> StorageFormat.ensureFormatted(new BrokerSettings(logs, 9092, 9093)))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("cluster.id");
  }
}
