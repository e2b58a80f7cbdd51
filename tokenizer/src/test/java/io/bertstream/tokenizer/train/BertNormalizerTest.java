package io.bertstream.tokenizer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.tokenizer.Normalization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BertNormalizerTest {

  @Test
  void shouldLowercaseAndStripAccentsWhenUncased() {
    assertThat(new BertNormalizer(Normalization.UNCASED).normalize("Héllo WÖRLD Ñandú"))
        .isEqualTo("hello world nandu");
  }

  @Test
  void shouldKeepCaseAndAccentsWhenCased() {
    assertThat(new BertNormalizer(Normalization.CASED).normalize("Héllo WÖRLD"))
        .isEqualTo("Héllo WÖRLD");
  }

  @Test
  void shouldDropControlCharactersAndMapWhitespaceToSpaces() {
    assertThat(
            new BertNormalizer(Normalization.CASED).normalize("a\u0000b\u200Bc\u00A0d\te\uFFFDf"))
        .isEqualTo("abc d ef");
  }

  @Test
  void shouldPadChineseCharactersWithSpaces() {
    assertThat(new BertNormalizer(Normalization.UNCASED).normalize("ab中文cd"))
        .isEqualTo("ab 中  文 cd");
  }

  @Test
  void shouldSplitOnWhitespaceAndIsolatePunctuation() {
    List<String> words = new ArrayList<>();
    BertPreTokenizer.split("Hey friend!     How are you?!? $5\u3000a-b", words::add);
    assertThat(words)
        .containsExactly(
            "Hey", "friend", "!", "How", "are", "you", "?", "!", "?", "$", "5", "a", "-", "b");
  }

  @Test
  void shouldTreatUnicodePunctuationAsWordsOfTheirOwn() {
    List<String> words = new ArrayList<>();
    BertPreTokenizer.split("«oui»—non…", words::add);
    assertThat(words).containsExactly("«", "oui", "»", "—", "non", "…");
  }
}
