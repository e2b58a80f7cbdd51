package io.bertstream.tokenizer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.tokenizer.Normalization;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
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
  private Path corpus;

  @BeforeEach
  void writeCorpus() throws IOException {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.writeString(corpus.resolve("a.txt"), TEXT.repeat(20), StandardCharsets.UTF_8);
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(corpus.resolve("b.jsonl.gz")))) {
      for (String line : TEXT.strip().split("\n")) {
        String json = "{\"id\": \"x\", \"body\": \"" + line + "\"}\n";
        out.write(json.repeat(10).getBytes(StandardCharsets.UTF_8));
      }
      out.write("not json\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void shouldPutTheSpecialTokensAtTheirIds() throws Exception {
    VocabTrainingResult result = VocabTraining.run(config(120, false, dir.resolve("t.json")));

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
    assertThat(result.skippedLines()).isEqualTo(1);
  }

  @Test
  void shouldEncodeKnownWordsIntoExpectedPieces() throws Exception {
    VocabTrainingResult result = VocabTraining.run(config(200, false, dir.resolve("t.json")));

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
    VocabTrainingResult first = VocabTraining.run(config(150, false, dir.resolve("one/t.json")));
    VocabTrainingResult second = VocabTraining.run(config(150, false, dir.resolve("two/t.json")));

    assertThat(Files.readAllBytes(second.tokenizerJson()))
        .isEqualTo(Files.readAllBytes(first.tokenizerJson()));
    assertThat(Files.readAllBytes(second.vocabTxt()))
        .isEqualTo(Files.readAllBytes(first.vocabTxt()));
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void shouldKeepCaseWhenCased() throws Exception {
    VocabTrainingResult cased = VocabTraining.run(config(200, true, dir.resolve("c/t.json")));
    VocabTrainingResult uncased = VocabTraining.run(config(200, false, dir.resolve("u/t.json")));

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
      VocabTrainingResult result =
          VocabTraining.run(config(200, cased, dir.resolve(cased + "/tokenizer.json")));
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
    VocabTrainingResult result = VocabTraining.run(config(100, false, out));

    assertThat(result.tokenizerJson()).isEqualTo(out.resolve("tokenizer.json"));
    assertThat(result.vocabTxt()).isEqualTo(out.resolve("vocab.txt"));
    assertThat(result.tokenizerJson()).exists();
    assertThat(result.vocabTxt()).exists();
  }

  @Test
  void shouldTrainTheSameVocabularyWhenTheTextsComeFromASourceInsteadOfFiles() throws Exception {
    Path file = Files.writeString(dir.resolve("one.txt"), TEXT.repeat(20), StandardCharsets.UTF_8);
    VocabTrainingResult fromFile =
        VocabTraining.run(
            new VocabTrainingConfig(
                List.of(file),
                CorpusFormat.TEXT,
                "text",
                150,
                2,
                false,
                1000,
                dir.resolve("f/t.json")));
    List<String> lines = TEXT.repeat(20).lines().toList();
    VocabTrainingResult fromSource =
        VocabTraining.run(
            new VocabTrainingConfig(
                List.of(), CorpusFormat.TEXT, "text", 150, 2, false, 1000, dir.resolve("s/t.json")),
            List.of(TextSource.of(lines)));

    assertThat(fromSource.words()).isEqualTo(fromFile.words());
    assertThat(fromSource.vocabTxt()).hasSameTextualContentAs(fromFile.vocabTxt());
    assertThat(fromSource.tokenizerJson()).hasSameTextualContentAs(fromFile.tokenizerJson());
  }

  @Test
  void shouldRefuseToTrainWhenThereIsNoSource() {
    VocabTrainingConfig none =
        new VocabTrainingConfig(
            List.of(), CorpusFormat.TEXT, "text", 150, 2, false, 1000, dir.resolve("n/t.json"));

    assertThatThrownBy(() -> VocabTraining.run(none)).isInstanceOf(IllegalArgumentException.class);
  }

  private VocabTrainingConfig config(int vocabSize, boolean cased, Path out) {
    return new VocabTrainingConfig(
        List.of(corpus), CorpusFormat.AUTO, "body", vocabSize, 2, cased, 1000, out);
  }
}
