package io.bertstream.runtime.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnapshotSettingsTest {

  @Test
  void shouldReadEverythingFromTheBeginningByDefault() {
    SnapshotSettings settings = SnapshotSettings.of("reader");

    assertThat(settings.clientId()).isEqualTo("reader");
    assertThat(settings.start()).isEqualTo(StartPosition.beginning());
    assertThat(settings.limit()).isZero();
    assertThat(settings.limitPerPartition()).isZero();
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.endOffsets()).isNull();
  }

  @Test
  void shouldKeepACopyOfTheEndOffsets() {
    java.util.Map<Integer, Long> ends = new java.util.HashMap<>(java.util.Map.of(0, 4L));
    SnapshotSettings settings = SnapshotSettings.of("reader").withEndOffsets(ends);
    ends.put(1, 2L);

    assertThat(settings.endOffsets()).isEqualTo(java.util.Map.of(0, 4L));
    assertThat(settings.withLimit(3).endOffsets()).isEqualTo(java.util.Map.of(0, 4L));
  }

  @Test
  void shouldChangeOneSettingAtATime() {
    SnapshotSettings settings =
        SnapshotSettings.of("reader")
            .withStart(StartPosition.latest(4))
            .withLimit(10)
            .withLimitPerPartition(3)
            .withTimeout(Duration.ofSeconds(5));

    assertThat(settings)
        .isEqualTo(
            new SnapshotSettings("reader", StartPosition.latest(4), 10, 3, Duration.ofSeconds(5)));
  }

  @Test
  void shouldRefuseNegativeLimitsAndANonPositiveTimeout() {
    SnapshotSettings settings = SnapshotSettings.of("reader");

    assertThatThrownBy(() -> settings.withLimit(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withLimitPerPartition(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCountUndecodableAndPassedOverRecordsAsSkipped() {
    assertThat(new SnapshotResult(10, 7, 2).skipped()).isEqualTo(5);
  }
}
