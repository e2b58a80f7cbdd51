package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrainerMetricsTest {

  private static final String LAST_CHECKPOINT =
      "bertstream_trainer_last_checkpoint_timestamp_seconds";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TrainerMetrics metrics = new TrainerMetrics(registry, () -> 0);

  @Test
  void shouldShowNoCheckpointTimeBeforeTheFirstCheckpoint() {
    assertThat(registry.scrape()).contains(LAST_CHECKPOINT + " NaN");
  }

  @Test
  void shouldExportTheNewestCheckpointsTimeInUnixSeconds() {
    metrics.recordCheckpoint(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
    metrics.recordCheckpoint(Instant.ofEpochSecond(1_700_000_120L, 500_000_000));

    assertThat(registry.get("bertstream.trainer.last.checkpoint.timestamp").gauge().value())
        .isEqualTo(1_700_000_120.5);
    assertThat(registry.scrape()).contains("# TYPE " + LAST_CHECKPOINT + " gauge");
  }
}
