package io.bertstream.stream.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExampleRecipeTest {

  private static final FakeVocabulary VOCAB = new FakeVocabulary(1000);
  private static final RandomSegmentSource NOTHING = (exclude, target, random) -> Optional.empty();
  private static final RandomSegmentSource OTHER =
      (exclude, target, random) ->
          Optional.of(new RandomSegmentSource.Segment("other", new int[] {400, 401, 402}));

  /** {@code count} sentences of 5 to 30 tokens with ids 10..399. */
  private static List<int[]> document(long seed, int count) {
    Random random = new Random(seed);
    List<int[]> sentences = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      int[] sentence = new int[5 + random.nextInt(26)];
      for (int t = 0; t < sentence.length; t++) {
        sentence[t] = 10 + random.nextInt(390);
      }
      sentences.add(sentence);
    }
    return sentences;
  }

  @Test
  void shouldProduceTheSameExamplesForTheSameDocumentAndSeed() {
    ExampleRecipe recipe = new ExampleRecipe(RecipeConfig.defaults(), VOCAB);
    List<ExampleDraft> first = recipe.examples("d", document(1, 40), OTHER, new NspBalance(0));
    List<ExampleDraft> second = recipe.examples("d", document(1, 40), OTHER, new NspBalance(0));
    assertThat(first).hasSameSizeAs(second);
    for (int i = 0; i < first.size(); i++) {
      assertThat(first.get(i).inputIds()).containsExactly(second.get(i).inputIds());
      assertThat(first.get(i).maskedPositions()).containsExactly(second.get(i).maskedPositions());
    }
  }

  @Test
  void shouldFrameEveryExampleAndKeepItWithinTheMaximum() {
    RecipeConfig config = RecipeConfig.defaults();
    List<ExampleDraft> examples =
        new ExampleRecipe(config, VOCAB).examples("d", document(2, 200), OTHER, new NspBalance(0));
    assertThat(examples).isNotEmpty();
    for (ExampleDraft example : examples) {
      int[] ids = example.inputIds();
      assertThat(ids.length).isLessThanOrEqualTo(config.maxSeqLength());
      assertThat(ids[0]).isEqualTo(FakeVocabulary.CLS);
      assertThat(ids[example.segmentBStart() - 1]).isEqualTo(FakeVocabulary.SEP);
      assertThat(ids[ids.length - 1]).isEqualTo(FakeVocabulary.SEP);
      assertThat(example.segmentBStart()).isBetween(2, ids.length - 2);
      assertThat(example.bDocId()).isEqualTo(example.randomNext() ? "other" : "d");
    }
  }

  @Test
  void shouldMakeOnlyTrueNextPairsWhileNoOtherDocumentIsKnownAndOweTheRandomOnes() {
    NspBalance balance = new NspBalance(0);
    List<ExampleDraft> examples =
        new ExampleRecipe(RecipeConfig.defaults(), VOCAB)
            .examples("d", document(3, 100), NOTHING, balance);
    assertThat(examples).isNotEmpty().noneMatch(ExampleDraft::randomNext);
    assertThat(balance.debt()).isPositive();
  }

  @Test
  void shouldPayBackOwedRandomPairsSoTheRatioStaysAtTheCoin() {
    ExampleRecipe recipe = new ExampleRecipe(RecipeConfig.defaults(), VOCAB);
    NspBalance balance = new NspBalance(0);
    int random = 0;
    int total = 0;
    for (int d = 0; d < 300; d++) {
      RandomSegmentSource source = d == 0 ? NOTHING : OTHER;
      for (ExampleDraft example : recipe.examples("d" + d, document(d, 30), source, balance)) {
        total++;
        random += example.randomNext() ? 1 : 0;
      }
    }
    assertThat((double) random / total).isBetween(0.48, 0.52);
    assertThat(Math.abs(balance.debt())).isLessThan(5);
  }

  @Test
  void shouldPairALoneOneTokenDocumentOnlyWithAnotherDocument() {
    ExampleRecipe recipe = new ExampleRecipe(RecipeConfig.defaults(), VOCAB);
    List<int[]> lone = List.of(new int[] {42});
    assertThat(recipe.examples("d", lone, NOTHING, new NspBalance(0))).isEmpty();
    List<ExampleDraft> paired = recipe.examples("d", lone, OTHER, new NspBalance(0));
    assertThat(paired).singleElement().matches(ExampleDraft::randomNext);
  }
}
