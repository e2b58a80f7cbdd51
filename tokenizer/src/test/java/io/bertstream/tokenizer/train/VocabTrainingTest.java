package io.bertstream.tokenizer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabTrainingTest {

  private static final String TEXT =
      """
      The nation grows stronger. The nations of the world watch the nation.
      Congress passed the budget; the budgets of the states follow the budget of Congress.
      Our people, our workers and our farmers work harder: working people deserve better.
      """;

  @TempDir Path dir;

  /**
   * What a corpus of one text file (the text 20 times) and one JSON Lines file (each line's text 10
   * times, and one line that is not JSON) hands over: the reading itself is the CLI's, tested with
   * the ingestor's corpus reader.
   */
  private static final TextCorpus CORPUS =
      (sink, detail) -> {
        sink.accept(TEXT.repeat(20));
        for (String line : TEXT.strip().split("\n")) {
          for (int i = 0; i < 10; i++) {
            sink.accept(line);
          }
        }
        return 1;
      };

  @Test
  void shouldPutTheSpecialTokensAtTheirIds() throws Exception {
    VocabTrainingResult result = run(config(120, false, dir.resolve("t.json")));

    try (BertTokenizer tokenizer = BertTokenizer.load(result.tokenizerJson())) {
      assertThat(tokenizer.padId()).isZero();
      assertThat(tokenizer.unkId()).isEqualTo(1);
      assertThat(tokenizer.clsId()).isEqualTo(2);
      assertThat(tokenizer.sepId()).isEqualTo(3);
      assertThat(tokenizer.maskId()).isEqualTo(4);
      assertThat(tokenizer.vocabSize()).isEqualTo(120).isEqualTo(result.vocabSize());
      assertThat(tokenizer.fingerprint()).isEqualTo(result.fingerprint());
    }
    assertThat(Files.readAllLines(result.vocabTxt()))
        .startsWith("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    assertThat(result.skipped()).isEqualTo(1);
  }

  @Test
  void shouldEncodeKnownWordsIntoExpectedPieces() throws Exception {
    VocabTrainingResult result = run(config(200, false, dir.resolve("t.json")));

    try (BertTokenizer tokenizer = BertTokenizer.load(result.tokenizerJson())) {
      assertThat(tokenizer.tokenize("The NATION, the budget."))
          .containsExactly("the", "nation", ",", "the", "budget", ".");
      // Unseen compounds of known pieces split at a ## boundary; unknown letters are [UNK].
      assertThat(tokenizer.tokenize("workings")).containsExactly("working", "##s");
      assertThat(tokenizer.tokenize("zebra")).containsExactly("[UNK]");
      int[] ids = tokenizer.encodeIds("the nations");
      assertThat(ids).hasSize(2);
      assertThat(tokenizer.decode(ids)).isEqualTo("the nations");
    }
  }

  @Test
  void shouldWriteIdenticalBytesWhenRunTwice() throws Exception {
    VocabTrainingResult first = run(config(150, false, dir.resolve("one/t.json")));
    VocabTrainingResult second = run(config(150, false, dir.resolve("two/t.json")));

    assertThat(Files.readAllBytes(second.tokenizerJson()))
        .isEqualTo(Files.readAllBytes(first.tokenizerJson()));
    assertThat(Files.readAllBytes(second.vocabTxt()))
        .isEqualTo(Files.readAllBytes(first.vocabTxt()));
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void shouldKeepCaseWhenCased() throws Exception {
    VocabTrainingResult cased = run(config(200, true, dir.resolve("c/t.json")));
    VocabTrainingResult uncased = run(config(200, false, dir.resolve("u/t.json")));

    try (BertTokenizer tokenizer = BertTokenizer.load(cased.tokenizerJson())) {
      assertThat(tokenizer.vocab().normalization()).isEqualTo(Normalization.CASED);
      assertThat(tokenizer.tokenize("The Congress")).containsExactly("The", "Congress");
      assertThat(tokenizer.encodeIds("The")).isNotEqualTo(tokenizer.encodeIds("the"));
    }
    assertThat(cased.fingerprint()).isNotEqualTo(uncased.fingerprint());
    assertThat(Files.readAllLines(uncased.vocabTxt())).doesNotContain("The", "Congress");
  }

  @Test
  void shouldGiveSameIdsAndFingerprintWhenLoadingTheVocabTxt() throws Exception {
    for (boolean cased : List.of(false, true)) {
      VocabTrainingResult result = run(config(200, cased, dir.resolve(cased + "/tokenizer.json")));
      try (BertTokenizer json = BertTokenizer.load(result.tokenizerJson());
          BertTokenizer txt = BertTokenizer.load(result.vocabTxt())) {
        String text = "The Nation's budgets, Congress and WORKERS — déjà vu 中文.";
        assertThat(txt.encodeIds(text)).containsExactly(json.encodeIds(text));
        assertThat(txt.fingerprint()).isEqualTo(json.fingerprint()).isEqualTo(result.fingerprint());
      }
    }
  }

  @Test
  void shouldWriteIntoADirectoryGivenAsOut() throws Exception {
    Path out = dir.resolve("out");
    VocabTrainingResult result = run(config(100, false, out));

    assertThat(result.tokenizerJson()).isEqualTo(out.resolve("tokenizer.json"));
    assertThat(result.vocabTxt()).isEqualTo(out.resolve("vocab.txt"));
    assertThat(result.tokenizerJson()).exists();
    assertThat(result.vocabTxt()).exists();
  }

  @Test
  void shouldTrainTheSameVocabularyWhetherTheTextComesWholeOrLineByLine() throws Exception {
    String whole = TEXT.repeat(20);
    VocabTrainingResult fromWhole =
        VocabTraining.run(
            new VocabTrainingConfig(150, 2, false, 1000, dir.resolve("f/t.json")),
            List.of(TextCorpus.of(List.of(whole))));
    List<String> lines = whole.lines().toList();
    VocabTrainingResult fromLines =
        VocabTraining.run(
            new VocabTrainingConfig(150, 2, false, 1000, dir.resolve("s/t.json")),
            List.of(TextCorpus.of(lines)));

    assertThat(fromLines.words()).isEqualTo(fromWhole.words());
    assertThat(fromLines.vocabTxt()).hasSameTextualContentAs(fromWhole.vocabTxt());
    assertThat(fromLines.tokenizerJson()).hasSameTextualContentAs(fromWhole.tokenizerJson());
  }

  @Test
  void shouldCountEveryCorpusInTurnAndAddUpWhatTheySkipped() throws Exception {
    VocabTrainingResult both =
        VocabTraining.run(
            new VocabTrainingConfig(150, 2, false, 1000, dir.resolve("b/t.json")),
            List.of(CORPUS, TextCorpus.of(List.of("more words")), CORPUS));
    VocabTrainingResult once = run(config(150, false, dir.resolve("o/t.json")));

    assertThat(both.words()).isEqualTo(2 * once.words() + 2);
    assertThat(both.skipped()).isEqualTo(2);
  }

  @Test
  void shouldRefuseToTrainWhenThereIsNoCorpus() {
    VocabTrainingConfig config =
        new VocabTrainingConfig(150, 2, false, 1000, dir.resolve("n/t.json"));

    assertThatThrownBy(() -> VocabTraining.run(config, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static VocabTrainingResult run(VocabTrainingConfig config) throws IOException {
    return VocabTraining.run(config, List.of(CORPUS));
  }

  private static VocabTrainingConfig config(int vocabSize, boolean cased, Path out) {
    return new VocabTrainingConfig(vocabSize, 2, cased, 1000, out);
  }
}
