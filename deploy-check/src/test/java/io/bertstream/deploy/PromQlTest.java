package io.bertstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {

  @Test
  void shouldFindTheMetricInsideFunctionsAndAggregations() {
    assertThat(PromQl.selectors("sum by (stage, reason) (rate(bertstream_dlq_records_total[5m]))"))
        .containsExactly(new PromQl.Selector("bertstream_dlq_records_total", "rate"));
  }

  @Test
  void shouldKeepTheAggregationWhoseLabelListComesFirst() {
    assertThat(PromQl.selectors("max without (instance) (up)"))
        .containsExactly(new PromQl.Selector("up", "max"));
    assertThat(PromQl.selectors("sum(up) by (job)"))
        .containsExactly(new PromQl.Selector("up", "sum"));
  }

  @Test
  void shouldSkipLabelMatchersStringsVariablesAndNumbers() {
    assertThat(
            PromQl.selectors(
                "sum by (topic) (kafka_lag{topic=~\".+[.]docs\", client_id!=\"a}b\"}) > 0.5e3"
                    + " or on (job) vector(0) * $scale + ${offset} offset 5m"))
        .containsExactly(new PromQl.Selector("kafka_lag", "sum"));
  }

  @Test
  void shouldFindEveryMetricOfABinaryExpression() {
    assertThat(
            PromQl.selectors(
                "rate(wait_sum[$__rate_interval]) / (rate(wait_sum[$__rate_interval])"
                    + " + rate(step_sum[$__rate_interval]))"))
        .extracting(PromQl.Selector::metric)
        .containsExactly("wait_sum", "wait_sum", "step_sum");
  }

  @Test
  void shouldSeeAPlainGaugeAtTheTopLevel() {
    assertThat(PromQl.selectors("time() - max(checkpoint_timestamp_seconds)"))
        .containsExactly(new PromQl.Selector("checkpoint_timestamp_seconds", "max"));
    assertThat(PromQl.selectors("bertstream_trainer_loss"))
        .containsExactly(new PromQl.Selector("bertstream_trainer_loss", ""));
  }

  @Test
  void shouldSkipALabelReplacesRegexAndGroupLeftLabels() {
    assertThat(
            PromQl.selectors(
                "label_replace(a, \"group\", \"$1\", \"client_id\", \"(.+)-x\")"
                    + " * on (client_id) group_left (topic) b"))
        .extracting(PromQl.Selector::metric)
        .containsExactly("a", "b");
  }

  @Test
  void shouldRefuseANameHiddenInAMatcherAndUnbalancedParentheses() {
    assertThatThrownBy(() -> PromQl.selectors("rate({__name__=\"x_total\"}[5m])"))
        .hasMessageContaining("__name__");
    assertThatThrownBy(() -> PromQl.selectors("sum(rate(x[5m])")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> PromQl.selectors("x)")).hasMessageContaining("unbalanced");
  }
}
