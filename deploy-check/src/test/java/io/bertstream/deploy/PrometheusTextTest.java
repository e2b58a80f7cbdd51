package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String SCRAPE =
      """
      # HELP bertstream_dlq_records_total Records dead-lettered
      # TYPE bertstream_dlq_records_total counter
      bertstream_dlq_records_total{reason="undecodable",stage="tokenize"} 1.0
      # TYPE step_seconds summary
      step_seconds_count 3
      step_seconds_sum 1.5
      # TYPE step_seconds_max gauge
      step_seconds_max 0.7
      # TYPE loss gauge
      loss NaN
      # TYPE latency histogram
      latency_bucket{le="+Inf"} 2
      latency_count 2
      latency_sum 0.2
      """;

  private final PrometheusText text = PrometheusText.parse(SCRAPE);

  @Test
  void shouldListSampleNamesAsTheSamplesSpellThem() {
    assertThat(text.samples())
        .containsExactlyInAnyOrder(
            "bertstream_dlq_records_total",
            "step_seconds_count",
            "step_seconds_sum",
            "step_seconds_max",
            "loss",
            "latency_bucket",
            "latency_count",
            "latency_sum");
    assertThat(text.exports("step_seconds")).as("a family name is not a series").isFalse();
  }

  @Test
  void shouldCountOnlyCountersAndTheCountsAndSumsOfSummariesAndHistograms() {
    assertThat(text.counts("bertstream_dlq_records_total")).isTrue();
    assertThat(text.counts("step_seconds_sum")).isTrue();
    assertThat(text.counts("latency_bucket")).isTrue();
    assertThat(text.counts("step_seconds_max")).isFalse();
    assertThat(text.counts("loss")).isFalse();
  }

  @Test
  void shouldStripASuffixOnlyWhereTheFamilysTypeAddsIt() {
    String gaugeNamedLikeACount =
        """
        # TYPE queue gauge
        queue_count 4
        """;
    PrometheusText gauge = PrometheusText.parse(gaugeNamedLikeACount);
    assertThat(gauge.typeOf("queue_count")).isEmpty();
    assertThat(gauge.counts("queue_count")).isFalse();
    assertThat(text.typeOf("step_seconds_count")).contains("summary");
  }
}
