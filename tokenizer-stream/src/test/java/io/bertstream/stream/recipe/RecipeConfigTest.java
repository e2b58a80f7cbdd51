package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecipeConfigTest {

  @Test
  void shouldMakeOneCopyOfEachDocumentUnlessAskedForMore() {
    assertThat(RecipeConfig.defaults().dupeFactor()).isEqualTo(1);
    RecipeConfig ten = RecipeConfig.defaults().withSeed(3).withDupeFactor(10).withMaxSeqLength(64);
    assertThat(ten.dupeFactor()).isEqualTo(10);
    assertThat(ten.seed()).isEqualTo(3);
    assertThat(ten.maxSeqLength()).isEqualTo(64);
  }

  @Test
  void shouldRefuseADupeFactorBelowOneNamingTheFlag() {
    assertThatThrownBy(() -> RecipeConfig.defaults().withDupeFactor(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("dupe-factor must be at least 1")
        .hasMessageEndingWith(": 0");
  }
}
