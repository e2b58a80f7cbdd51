package io.bertstream.tokenizer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.tokenizer.SpecialTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceTrainerTest {

  /** The classic BPE example; its merges are worked out by hand below. */
  private static final Map<String, Long> WORDS =
      Map.of("low", 5L, "lower", 2L, "newest", 6L, "widest", 3L);

  private static final List<String> ALPHABET =
      List.of(
          "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "d", "e", "i", "l", "n", "o", "r", "s", "t",
          "w", "##d", "##e", "##i", "##o", "##r", "##s", "##t", "##w");

  @Test
  void shouldMergeTheMostFrequentPairFirstAndBreakTiesByLowerIds() {
    List<String> vocab = train(100, 2, 0);

    List<String> expected = new ArrayList<>(ALPHABET);
    expected.addAll(
        List.of(
            "##es", "##est", "lo", "low", "ne", "##west", "newest", "wi", "##dest", "widest",
            "##er", "lower"));
    assertThat(vocab).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldStopAtTheVocabularySize() {
    assertThat(train(26, 2, 0)).hasSize(26).endsWith("##es", "##est", "lo");
  }

  @Test
  void shouldNotMergePairsRarerThanTheMinimumFrequency() {
    List<String> vocab = train(100, 3, 0);

    assertThat(vocab).endsWith("wi", "##dest", "widest").doesNotContain("##er", "lower");
  }

  @Test
  void shouldDropTheRarestCharactersWhenTheAlphabetIsLimited() {
    List<String> vocab = train(100, 2, 9);

    assertThat(vocab).doesNotContain("r", "##r", "lower").contains("low", "newest", "widest");
  }

  @Test
  void shouldCountRepeatedPairsInsideOneWordCorrectly() {
    List<String> vocab = train(Map.of("aaaa", 4L, "aa", 1L), 100, 1, 0);

    // (##a,##a) counts twice per "aaaa" (8) and merges first; "aaaa" is then a ##aa ##a, so
    // (##a,##a) drops to zero, not below, and (a,##a) keeps only the count of "aa".
    assertThat(vocab.subList(SpecialTokens.ALL.size(), vocab.size()))
        .containsExactly("a", "##a", "##aa", "aaa", "aaaa", "aa");
  }

  private static List<String> train(int vocabSize, long minFrequency, int limitAlphabet) {
    return train(WORDS, vocabSize, minFrequency, limitAlphabet);
  }

  private static List<String> train(
      Map<String, Long> words, int vocabSize, long minFrequency, int limitAlphabet) {
    WordPieceTrainer trainer =
        new WordPieceTrainer(
            new WordPieceTrainer.Settings(
                vocabSize, minFrequency, limitAlphabet, SpecialTokens.ALL, "##"));
    return trainer.train(words, size -> {});
  }
}
