package io.bertstream.tokenizer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.tokenizer.BertTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vocabulary quality on held-out State of the Union addresses (every 10th one). */
class SotuVocabularyTest {

  @TempDir Path dir;

  @Test
  void shouldRarelyProduceUnknownTokensOnHeldOutAddressesWithASmallVocabulary() throws Exception {
    HeldOutStats stats = trainAndMeasure(4000);

    assertThat(stats.unknownRate()).isLessThan(0.001);
    assertThat(stats.fertility()).isBetween(1.0, 2.0);
  }

  @Tag("slow")
  @Test
  void shouldKeepUnknownTokensBelowOnePerThousandWithTheBertVocabularySize() throws Exception {
    HeldOutStats stats = trainAndMeasure(30522);

    assertThat(stats.unknownRate()).isLessThan(0.001);
    assertThat(stats.fertility()).isBetween(1.0, 1.6);
  }

  private HeldOutStats trainAndMeasure(int vocabSize) throws Exception {
    Optional<Path> sotu = SotuCorpus.locate();
    assertThat(sotu).as("the SOTU corpus (-Dbertstream.sotu)").isPresent();
    SotuCorpus.Split split = SotuCorpus.split(sotu.get(), 10);
    VocabTrainingResult result =
        VocabTraining.run(
            new VocabTrainingConfig(vocabSize, 2, false, 1000, dir.resolve("tokenizer.json")),
            List.of(TextCorpus.of(split.train())));
    try (BertTokenizer tokenizer = BertTokenizer.load(result.tokenizerJson())) {
      return HeldOutStats.measure(tokenizer, split.heldOut());
    }
  }
}
