package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

  @Test
  void shouldNameEveryTopicFromThePrefix() {
    TopicNames names = new TopicNames("acme");
    assertThat(names.all())
        .containsExactly("acme.docs", "acme.docs.dlq", "acme.examples", "acme.examples.eval");
  }

  @Test
  void shouldRefuseABlankPrefix() {
    assertThatThrownBy(() -> new TopicNames(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
