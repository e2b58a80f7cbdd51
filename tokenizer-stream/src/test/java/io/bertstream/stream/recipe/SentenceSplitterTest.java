package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  private final SentenceSplitter splitter = new SentenceSplitter();

  @Test
  void shouldNotSplitAfterTitlesLikeMr() {
    assertThat(splitter.split("Mr. Smith went to Washington. Dr. Jones stayed home."))
        .containsExactly("Mr. Smith went to Washington.", "Dr. Jones stayed home.");
  }

  @Test
  void shouldNotSplitInsideAbbreviationsLikeUs() {
    assertThat(splitter.split("The U.S. Congress met in Jan. and adjourned. It was cold."))
        .containsExactly("The U.S. Congress met in Jan. and adjourned.", "It was cold.");
  }

  @Test
  void shouldKeepDecimalsInsideTheSentence() {
    assertThat(splitter.split("Prices rose 3.5 percent last year. Wages did not."))
        .containsExactly("Prices rose 3.5 percent last year.", "Wages did not.");
  }

  @Test
  void shouldKeepClosingQuotesWithTheirSentence() {
    assertThat(splitter.split("He said, \"We will prevail.\" Then he sat down."))
        .containsExactly("He said, \"We will prevail.\"", "Then he sat down.");
  }

  @Test
  void shouldEndASentenceAtAParagraphBreak() {
    assertThat(splitter.split("Fellow citizens\n\nThe state of the Union is strong"))
        .containsExactly("Fellow citizens", "The state of the Union is strong");
  }

  @Test
  void shouldSplitOnQuestionAndExclamationMarks() {
    assertThat(splitter.split("Is it so? It is! Indeed."))
        .containsExactly("Is it so?", "It is!", "Indeed.");
  }

  @Test
  void shouldReturnNothingForBlankText() {
    assertThat(splitter.split("  \n\t ")).isEmpty();
  }
}
