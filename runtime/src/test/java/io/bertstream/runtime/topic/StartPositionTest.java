package io.bertstream.runtime.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartPositionTest {

  @Test
  void shouldStartAtTheFirstOffsetStillHeld() {
    assertThat(StartPosition.beginning().offset(0, 7, 20)).isEqualTo(7);
  }

  @Test
  void shouldStartAtTheGivenOffsetsAndAtTheBeginningWhereNoneIsGiven() {
    StartPosition start = StartPosition.offsets(Map.of(1, 12L, 2, 3L));

    assertThat(start.offset(0, 5, 20)).isEqualTo(5);
    assertThat(start.offset(1, 5, 20)).isEqualTo(12);
    // Below the beginning stays as given: the consumer's reset policy handles removed records.
    assertThat(start.offset(2, 5, 20)).isEqualTo(3);
  }

  @Test
  void shouldStartTheGivenCountBeforeTheEndButNeverBeforeTheBeginning() {
    assertThat(StartPosition.latest(3).offset(0, 5, 20)).isEqualTo(17);
    assertThat(StartPosition.latest(30).offset(0, 5, 20)).isEqualTo(5);
    assertThat(StartPosition.latest(0).offset(0, 5, 20)).isEqualTo(20);
  }

  @Test
  void shouldRefuseANegativeCount() {
    assertThatThrownBy(() -> StartPosition.latest(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
