package io.bertstream.ingestor.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void shouldComposeToNfcWhenTextIsDecomposed() {
    assertThat(TextNormalizer.normalize("Cafe\u0301")).isEqualTo("Caf\u00e9");
  }

  @Test
  void shouldStripControlCharactersButKeepNewlinesAndTabs() {
    assertThat(TextNormalizer.normalize("a\u0000b\u0007c\td\ne\u001b[0m\u0085f"))
        .isEqualTo("abc\td\ne[0mf");
  }

  @Test
  void shouldTurnCarriageReturnsIntoNewlines() {
    assertThat(TextNormalizer.normalize("one\r\ntwo\rthree")).isEqualTo("one\ntwo\nthree");
  }

  @Test
  void shouldReplaceLoneSurrogatesButKeepPairs() {
    assertThat(TextNormalizer.normalize("x\ud800y\ud83d\ude00")).isEqualTo("x\ufffdy\ud83d\ude00");
  }

  @Test
  void shouldGiveTheSameIdToCanonicallyEquivalentTexts() {
    assertThat(DocumentIds.contentId(TextNormalizer.normalize("Cafe\u0301\r\n")))
        .isEqualTo(DocumentIds.contentId(TextNormalizer.normalize("Caf\u00e9\n")))
        .hasSize(64)
        .matches("[0-9a-f]{64}");
  }
}
