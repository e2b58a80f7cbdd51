package io.bertstream.runtime.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one counter of dead letters, {@code bertstream_dlq_records_total{stage,reason}} in
 * Prometheus, shared by every service so the name, tags and help text never drift apart (services
 * that share a registry, as the quickstart's do, must agree on them).
 */
public final class DeadLetterMetrics {

  public static final String NAME = "bertstream.dlq.records";

  private DeadLetterMetrics() {}

  /**
   * The counter for one stage and reason, registered on first use.
   *
   * @throws IllegalArgumentException when the stage does not give the reason
   */
  public static Counter counter(
      MeterRegistry registry, DeadLetterStage stage, DeadLetterReason reason) {
    return Counter.builder(NAME)
        .description("Records dead-lettered, by stage and reason")
        .tag("stage", stage.code())
        .tag("reason", stage.require(reason).code())
        .register(registry);
  }
}
