package io.bertstream.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertTokenizerTest {

  private static final List<String> TOKENS =
      List.of(
          "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "##s", "un", "##aff",
          "##able", ",", "!", "cafe");

  /** Written by hand in HuggingFace's layout (strip_accents null = follow lowercase). */
  private static final String HAND_WRITTEN_JSON =
      """
      {
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [
          {"id": 0, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false,
           "normalized": false, "special": true},
          {"id": 1, "content": "[UNK]", "single_word": false, "lstrip": false, "rstrip": false,
           "normalized": false, "special": true}
        ],
        "normalizer": {"type": "BertNormalizer", "clean_text": true,
          "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": null,
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
          "max_input_chars_per_word": 100,
          "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4, "hello": 5,
            "world": 6, "##s": 7, "un": 8, "##aff": 9, "##able": 10, ",": 11, "!": 12,
            "cafe": 13}}
      }
      """;

  @TempDir Path dir;

  @Test
  void shouldEncodeWordPiecesWithoutSpecialTokensWhenLoadedFromHandWrittenJson() throws Exception {
    Path json = write("tokenizer.json", HAND_WRITTEN_JSON);
    try (BertTokenizer tokenizer = BertTokenizer.load(json)) {
      assertThat(tokenizer.encodeIds("Hello, worlds! Unaffable CAFÉ"))
          .containsExactly(5, 11, 6, 7, 12, 8, 9, 10, 13);
      assertThat(tokenizer.encodeIds("hello zzz")).containsExactly(5, 1);
      assertThat(tokenizer.vocabSize()).isEqualTo(14);
      assertThat(tokenizer.clsId()).isEqualTo(2);
      assertThat(tokenizer.sepId()).isEqualTo(3);
      assertThat(tokenizer.maskId()).isEqualTo(4);
      assertThat(tokenizer.padId()).isZero();
      assertThat(tokenizer.unkId()).isEqualTo(1);
      assertThat(tokenizer.id("##able")).isEqualTo(10);
      assertThat(tokenizer.id("nope")).isEqualTo(1);
      assertThat(tokenizer.token(9)).isEqualTo("##aff");
      assertThat(tokenizer.isSpecial(2)).isTrue();
      assertThat(tokenizer.isSpecial(5)).isFalse();
      assertThat(tokenizer.isContinuation(7)).isTrue();
      assertThat(tokenizer.isContinuation(8)).isFalse();
    }
  }

  @Test
  void shouldNeverTruncateLongTexts() throws Exception {
    try (BertTokenizer tokenizer =
        BertTokenizer.of(WordPieceVocab.bert(TOKENS, Normalization.UNCASED))) {
      String text = "hello ".repeat(2000);
      assertThat(tokenizer.encodeIds(text)).hasSize(2000);
    }
  }

  @Test
  void shouldEncodeABatchLikeOneByOne() throws Exception {
    try (BertTokenizer tokenizer =
        BertTokenizer.of(WordPieceVocab.bert(TOKENS, Normalization.UNCASED))) {
      List<String> texts = List.of("hello worlds", "", "unaffable, hello!");
      List<int[]> batch = tokenizer.encodeIds(texts);
      assertThat(batch).hasSize(3);
      for (int i = 0; i < texts.size(); i++) {
        assertThat(batch.get(i)).containsExactly(tokenizer.encodeIds(texts.get(i)));
      }
      assertThat(tokenizer.encodeIds(List.of())).isEmpty();
    }
  }

  @Test
  void shouldDecodePiecesBackToWords() throws Exception {
    try (BertTokenizer tokenizer =
        BertTokenizer.of(WordPieceVocab.bert(TOKENS, Normalization.UNCASED))) {
      assertThat(tokenizer.decode(new int[] {2, 5, 8, 9, 10, 12, 3}))
          .isEqualTo("[CLS] hello unaffable! [SEP]");
    }
  }

  @Test
  void shouldGiveSameIdsAndFingerprintWhenLoadedFromVocabTxt() throws Exception {
    Path json = write("tokenizer.json", HAND_WRITTEN_JSON);
    Path txt = write("vocab.txt", String.join("\n", TOKENS) + "\n");
    try (BertTokenizer fromJson = BertTokenizer.load(json);
        BertTokenizer fromTxt = BertTokenizer.load(txt)) {
      String text = "Hello, worlds! Unaffable café zzz";
      assertThat(fromTxt.encodeIds(text)).containsExactly(fromJson.encodeIds(text));
      assertThat(fromTxt.fingerprint()).isEqualTo(fromJson.fingerprint()).hasSize(16);
    }
  }

  @Test
  void shouldLoadTheTokenizerJsonOfADirectory() throws Exception {
    write(
        "tokenizer.json", TokenizerJson.write(WordPieceVocab.bert(TOKENS, Normalization.UNCASED)));
    try (BertTokenizer tokenizer = BertTokenizer.load(dir)) {
      assertThat(tokenizer.vocabSize()).isEqualTo(TOKENS.size());
    }
  }

  @Test
  void shouldChangeFingerprintWhenCasingOrVocabularyChanges() {
    String uncased = WordPieceVocab.bert(TOKENS, Normalization.UNCASED).fingerprint();
    String cased = WordPieceVocab.bert(TOKENS, Normalization.CASED).fingerprint();
    List<String> swapped = new java.util.ArrayList<>(TOKENS);
    java.util.Collections.swap(swapped, 5, 6);
    String reordered = WordPieceVocab.bert(swapped, Normalization.UNCASED).fingerprint();
    assertThat(uncased).isNotEqualTo(cased).isNotEqualTo(reordered);
  }

  @Test
  void shouldTreatAVocabTxtWithUpperCaseTokensAsCased() throws Exception {
    Path txt = write("vocab.txt", String.join("\n", TOKENS) + "\nHello\n");
    try (BertTokenizer tokenizer = BertTokenizer.load(txt)) {
      assertThat(tokenizer.vocab().normalization()).isEqualTo(Normalization.CASED);
      assertThat(tokenizer.encodeIds("Hello hello")).containsExactly(14, 5);
    }
  }

  @Test
  void shouldRejectATokenizerThatIsNotWordPiece() throws Exception {
    Path json = write("bpe.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": {}}}");
    assertThatThrownBy(() -> BertTokenizer.load(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WordPiece");
  }

  @Test
  void shouldRejectAddedTokensOutsideTheVocabulary() throws Exception {
    String json =
        HAND_WRITTEN_JSON.replace(
            "{\"id\": 1, \"content\": \"[UNK]\"", "{\"id\": 14, \"content\": \"[NEW]\"");
    Path file = write("tokenizer.json", json);
    assertThatThrownBy(() -> BertTokenizer.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[NEW]");
  }

  @Test
  void shouldRejectAVocabularyWithoutMask() throws Exception {
    Path txt = write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n");
    assertThatThrownBy(() -> BertTokenizer.load(txt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[MASK]");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
