package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.reliability.FaultOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What a scenario left in the committed output, with who did the work.
 *
 * @param owned input partitions each instance owned at some point (from the group coordinator)
 * @param consumed input partitions each instance received records from (from the instance)
 */
record FaultScenarioRun(
    String scenario,
    int documentsIn,
    List<PretrainingExample> committed,
    int deadLetters,
    List<Duration> recoveries,
    Map<String, Set<Integer>> owned,
    Map<String, Set<TopicPartition>> consumed) {

  FaultOutcome outcome(List<PretrainingExample> undisturbed) {
    ExampleComparison comparison = ExampleComparison.of(undisturbed, committed);
    return new FaultOutcome(
        scenario,
        documentsIn,
        committed.size(),
        comparison.lost(),
        comparison.duplicated(),
        recoveries);
  }

  /**
   * The committed output equals the undisturbed run's record for record, nothing went to the DLQ,
   * and every instance owned tasks and processed documents.
   */
  void assertExactlyOnce(List<PretrainingExample> undisturbed, Set<String> instances) {
    ExampleComparison comparison = ExampleComparison.of(undisturbed, committed);
    assertThat(comparison.identical()).as(comparison.summary()).isTrue();
    assertThat(byId(committed)).isEqualTo(byId(undisturbed));
    assertThat(committed).hasSize(undisturbed.size());
    assertThat(deadLetters).as("documents dead-lettered").isZero();
    assertThat(owned.keySet()).isEqualTo(instances);
    assertThat(owned).allSatisfy((name, mine) -> assertThat(mine).as(name).isNotEmpty());
    assertThat(consumed.keySet()).isEqualTo(instances);
    assertThat(consumed).allSatisfy((name, mine) -> assertThat(mine).as(name).isNotEmpty());
  }

  /** One line for the test's output: what was committed, the recoveries, who did the work. */
  String describe(List<PretrainingExample> undisturbed) {
    return scenario
        + ": "
        + ExampleComparison.of(undisturbed, committed).summary()
        + "; recoveries "
        + recoveries
        + "; owned "
        + owned
        + "; consumed "
        + consumed;
  }

  private static Map<String, PretrainingExample> byId(List<PretrainingExample> examples) {
    Map<String, PretrainingExample> byId = new TreeMap<>();
    examples.forEach(e -> byId.put(e.getId(), e));
    return byId;
  }
}
