package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NspBalanceTest {

  @Test
  void shouldFollowTheCoinWhenNothingIsOwed() {
    NspBalance balance = new NspBalance(0);
    assertThat(balance.preferRandom(true, true)).isTrue();
    assertThat(balance.preferRandom(false, true)).isFalse();
  }

  @Test
  void shouldOweARandomPairAfterAForcedTrueNext() {
    NspBalance balance = new NspBalance(0);
    balance.record(true, false);
    assertThat(balance.debt()).isEqualTo(1);
    assertThat(balance.preferRandom(false, true)).isTrue();
    balance.record(false, true);
    assertThat(balance.debt()).isZero();
  }

  @Test
  void shouldOweATrueNextAfterAForcedRandomPairOnlyWhereOneIsPossible() {
    NspBalance balance = new NspBalance(0);
    balance.record(false, true);
    assertThat(balance.debt()).isEqualTo(-1);
    assertThat(balance.preferRandom(true, false)).isTrue();
    assertThat(balance.preferRandom(true, true)).isFalse();
  }
}
