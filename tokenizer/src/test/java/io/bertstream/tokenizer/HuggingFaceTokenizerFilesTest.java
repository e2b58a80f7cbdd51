package io.bertstream.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against directories that transformers itself saved and the ids it gave
 * (src/test/resources/huggingface, written by scripts/hf-fixtures/tokenizer_fixtures.py).
 */
class HuggingFaceTokenizerFilesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** tokenizer_config.json keys whose values decide how transformers' BertTokenizer encodes. */
  private static final List<String> KEYS_THAT_DECIDE =
      List.of(
          "do_lower_case",
          "strip_accents",
          "tokenize_chinese_chars",
          "cls_token",
          "sep_token",
          "mask_token",
          "pad_token",
          "unk_token",
          "model_max_length");

  private static Path fixtures;
  private static JsonNode expected;
  private static List<String> sentences;

  @TempDir Path dir;

  @BeforeAll
  static void readFixtures() throws Exception {
    fixtures = Path.of(HuggingFaceTokenizerFilesTest.class.getResource("/huggingface").toURI());
    expected = MAPPER.readTree(fixtures.resolve("expected.json").toFile());
    sentences = new ArrayList<>();
    expected.get("sentences").forEach(sentence -> sentences.add(sentence.textValue()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncased", "cased", "vocab-only-keep-accents"})
  void shouldGiveTransformersIdsWhenLoadingTheDirectoryTransformersSaved(String name)
      throws Exception {
    JsonNode want = expected.get("fixtures").get(name);
    try (BertTokenizer tokenizer = BertTokenizer.load(fixtures.resolve(name))) {
      assertThat(tokenizer.vocabSize()).isEqualTo(want.get("vocab_size").intValue());
      assertThat(tokenizer.vocab().normalization().lowercase())
          .isEqualTo(want.get("do_lower_case").booleanValue());
      JsonNode specialIds = want.get("special_ids");
      assertThat(tokenizer.clsId()).isEqualTo(specialIds.get("cls_token").intValue());
      assertThat(tokenizer.sepId()).isEqualTo(specialIds.get("sep_token").intValue());
      assertThat(tokenizer.maskId()).isEqualTo(specialIds.get("mask_token").intValue());
      assertThat(tokenizer.padId()).isEqualTo(specialIds.get("pad_token").intValue());
      assertThat(tokenizer.unkId()).isEqualTo(specialIds.get("unk_token").intValue());
      List<int[]> batch = tokenizer.encodeIds(sentences);
      for (int i = 0; i < sentences.size(); i++) {
        int[] ids = tokenizer.encodeIds(sentences.get(i));
        assertThat(ids).as("%s: %s", name, sentences.get(i)).containsExactly(ids(want, "ids", i));
        assertThat(batch.get(i)).containsExactly(ids);
        assertThat(framed(tokenizer, ids)).containsExactly(ids(want, "ids_with_special_tokens", i));
      }
    }
  }

  @Test
  void shouldTakeStripAccentsOfAVocabTxtFromTokenizerConfig() throws Exception {
    try (BertTokenizer tokenizer =
        BertTokenizer.load(fixtures.resolve("vocab-only-keep-accents"))) {
      assertThat(tokenizer.vocab().normalization())
          .isEqualTo(new Normalization(true, true, false, true));
    }
  }

  @Test
  void shouldGiveTheSameFingerprintFromTheTokenizerJsonAndFromItsDirectory() throws Exception {
    for (String name : List.of("uncased", "cased")) {
      try (BertTokenizer file =
              BertTokenizer.load(fixtures.resolve(name).resolve("tokenizer.json"));
          BertTokenizer directory = BertTokenizer.load(fixtures.resolve(name))) {
        assertThat(directory.fingerprint()).isEqualTo(file.fingerprint());
        assertThat(directory.vocab()).isEqualTo(file.vocab());
      }
    }
  }

  @Test
  void shouldLetTokenizerConfigDecideTheCasingOverTokenizerJson() throws Exception {
    Files.copy(fixtures.resolve("uncased/tokenizer.json"), dir.resolve("tokenizer.json"));
    write("tokenizer_config.json", "{\"do_lower_case\": false}");
    try (BertTokenizer uncased = BertTokenizer.load(fixtures.resolve("uncased"));
        BertTokenizer overridden = BertTokenizer.load(dir)) {
      assertThat(overridden.vocab().normalization()).isEqualTo(Normalization.CASED);
      assertThat(overridden.fingerprint()).isNotEqualTo(uncased.fingerprint());
      assertThat(overridden.encodeIds("Union")).containsExactly(overridden.unkId());
      assertThat(uncased.encodeIds("Union")).containsExactly(uncased.id("union"));
    }
  }

  @Test
  void shouldKeepTheCasingOfTokenizerJsonWhenTheConfigSetsNone() throws Exception {
    Files.copy(fixtures.resolve("cased/tokenizer.json"), dir.resolve("tokenizer.json"));
    write("tokenizer_config.json", "{\"model_max_length\": 128}");
    try (BertTokenizer tokenizer = BertTokenizer.load(dir)) {
      assertThat(tokenizer.vocab().normalization()).isEqualTo(Normalization.CASED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncased", "cased", "vocab-only-keep-accents"})
  void shouldWriteADirectoryThatLoadsBackAsTheSameTokenizer(String name) throws Exception {
    try (BertTokenizer source = BertTokenizer.load(fixtures.resolve(name))) {
      List<Path> written = HuggingFaceTokenizerFiles.write(source, dir, 512);
      assertThat(written)
          .extracting(path -> path.getFileName().toString())
          .containsExactlyElementsOf(HuggingFaceTokenizerFiles.FILES);
      try (BertTokenizer directory = BertTokenizer.load(dir);
          BertTokenizer vocabTxt = BertTokenizer.load(dir.resolve("vocab.txt"))) {
        assertThat(directory.fingerprint()).isEqualTo(source.fingerprint());
        assertThat(directory.encodeIds(sentences))
            .containsExactlyElementsOf(source.encodeIds(sentences));
        // Without tokenizer.json, vocab.txt takes its casing from tokenizer_config.json.
        Files.delete(dir.resolve("tokenizer.json"));
        try (BertTokenizer withoutJson = BertTokenizer.load(dir)) {
          assertThat(withoutJson.fingerprint()).isEqualTo(source.fingerprint());
        }
        assertThat(vocabTxt.vocab().tokens()).isEqualTo(source.vocab().tokens());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"uncased", "cased", "vocab-only-keep-accents"})
  void shouldWriteTheTokenizerConfigThatTransformersWrites(String name) throws Exception {
    JsonNode theirs =
        MAPPER.readTree(fixtures.resolve(name).resolve("tokenizer_config.json").toFile());
    try (BertTokenizer source = BertTokenizer.load(fixtures.resolve(name))) {
      HuggingFaceTokenizerFiles.write(source, dir, 512);
    }
    JsonNode ours = MAPPER.readTree(dir.resolve("tokenizer_config.json").toFile());
    for (String key : KEYS_THAT_DECIDE) {
      assertThat(ours.get(key)).as(key).isEqualTo(theirs.get(key));
    }
    assertThat(ours.get("tokenizer_class").textValue()).isEqualTo("BertTokenizer");
    assertThat(ours.get("clean_up_tokenization_spaces").booleanValue()).isTrue();
    if (!name.startsWith("vocab-only")) {
      // transformers' own fast save: ours has every key it has, with the same value.
      theirs
          .fieldNames()
          .forEachRemaining(
              key -> {
                if (!key.equals("backend")) {
                  assertThat(ours.get(key)).as(key).isEqualTo(theirs.get(key));
                }
              });
    }
    JsonNode map = MAPPER.readTree(dir.resolve("special_tokens_map.json").toFile());
    assertThat(map).isEqualTo(expected.get("fixtures").get(name).get("special_tokens_map"));
  }

  @Test
  void shouldWriteTheSettingsOfATokenizerTrainedHere() throws Exception {
    List<String> tokens =
        List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "café", "cafe", "##s");
    Normalization keepAccents = new Normalization(true, false, false, true);
    try (BertTokenizer source = BertTokenizer.of(WordPieceVocab.bert(tokens, keepAccents))) {
      HuggingFaceTokenizerFiles.write(source, dir, 128);
      JsonNode config = MAPPER.readTree(dir.resolve("tokenizer_config.json").toFile());
      assertThat(config.get("do_lower_case").booleanValue()).isTrue();
      assertThat(config.get("strip_accents").booleanValue()).isFalse();
      assertThat(config.get("tokenize_chinese_chars").booleanValue()).isFalse();
      assertThat(config.get("model_max_length").intValue()).isEqualTo(128);
      try (BertTokenizer loaded = BertTokenizer.load(dir)) {
        assertThat(loaded.vocab().normalization()).isEqualTo(keepAccents);
        assertThat(loaded.encodeIds("Cafés CAFE")).containsExactly(5, 7, 6);
      }
    }
  }

  @Test
  void shouldRefuseToWriteSettingsTransformersCannotExpress() throws Exception {
    List<String> tokens = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a");
    Normalization dirty = new Normalization(false, true, true, true);
    try (BertTokenizer source = BertTokenizer.of(WordPieceVocab.bert(tokens, dirty))) {
      assertThatThrownBy(() -> HuggingFaceTokenizerFiles.write(source, dir, 512))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cleans text");
    }
  }

  @Test
  void shouldRefuseADirectoryWithoutTokenizerFiles() throws Exception {
    write("config.json", "{}");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("no tokenizer.json or vocab.txt");
  }

  @Test
  void shouldNameASentencePieceModelFoundInstead() throws Exception {
    write("spiece.model", "not read");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("spiece.model")
        .hasMessageContaining("SentencePiece");
  }

  @Test
  void shouldRefuseAUnigramTokenizerJson() throws Exception {
    write(
        "tokenizer.json",
        "{\"model\": {\"type\": \"Unigram\", \"unk_id\": 0, \"vocab\": [[\"<unk>\", 0.0]]}}");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("model.type=Unigram");
  }

  @Test
  void shouldRefuseAVocabTxtWithoutBertSpecialTokens() throws Exception {
    write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\n");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("[MASK]");
  }

  @Test
  void shouldRefuseAnotherMaskToken() throws Exception {
    Files.copy(fixtures.resolve("uncased/tokenizer.json"), dir.resolve("tokenizer.json"));
    write("tokenizer_config.json", "{\"mask_token\": \"<mask>\"}");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("mask_token is '<mask>'");
  }

  @Test
  void shouldLetSpecialTokensMapOverrideTokenizerConfigAsTransformersDoes() throws Exception {
    Files.copy(fixtures.resolve("uncased/tokenizer.json"), dir.resolve("tokenizer.json"));
    write("tokenizer_config.json", "{\"cls_token\": \"<s>\"}");
    write(
        "special_tokens_map.json",
        "{\"cls_token\": {\"content\": \"[CLS]\", \"lstrip\": false}, \"unk_token\": \"[UNK]\"}");
    try (BertTokenizer tokenizer = BertTokenizer.load(dir)) {
      assertThat(tokenizer.clsId()).isEqualTo(2);
    }
    write("special_tokens_map.json", "{\"cls_token\": \"[CLS]\", \"sep_token\": \"</s>\"}");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("sep_token is '</s>'");
    write("special_tokens_map.json", "{}");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("cls_token is '<s>'");
  }

  @Test
  void shouldRefuseAdditionalSpecialTokensTheTokenizerDoesNotKnow() throws Exception {
    Files.copy(fixtures.resolve("uncased/tokenizer.json"), dir.resolve("tokenizer.json"));
    write("special_tokens_map.json", "{\"additional_special_tokens\": [\"[MASK]\", \"the\"]}");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("additional_special_tokens names 'the'");
  }

  @Test
  void shouldRefuseACasingThatIsNotABoolean() throws Exception {
    Files.copy(fixtures.resolve("uncased/tokenizer.json"), dir.resolve("tokenizer.json"));
    write("tokenizer_config.json", "{\"do_lower_case\": \"yes\"}");
    assertThatThrownBy(() -> BertTokenizer.load(dir))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("tokenizer_config.json");
  }

  @Test
  void shouldRefuseAMissingPathAndABinaryFile() throws Exception {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> BertTokenizer.load(missing))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("no tokenizer at " + missing);
    Path binary = Files.write(dir.resolve("tokenizer.model"), new byte[] {0x0a, (byte) 0xff, 0});
    assertThatThrownBy(() -> BertTokenizer.load(binary))
        .isInstanceOf(InvalidTokenizerException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void shouldKeepTheRestOfTokenizerJsonWhenTheConfigChangesTheCasing() throws Exception {
    ObjectNode json =
        (ObjectNode) MAPPER.readTree(fixtures.resolve("uncased/tokenizer.json").toFile());
    // A word longer than this is one [UNK]: kept from the file, not rebuilt.
    ((ObjectNode) json.get("model")).put("max_input_chars_per_word", 5);
    write("tokenizer.json", MAPPER.writeValueAsString(json));
    write("tokenizer_config.json", "{\"do_lower_case\": false}");
    try (BertTokenizer tokenizer = BertTokenizer.load(dir)) {
      assertThat(tokenizer.contains("senate")).isTrue();
      assertThat(tokenizer.encodeIds("senate the"))
          .containsExactly(tokenizer.unkId(), tokenizer.id("the"));
      assertThat(tokenizer.vocab().normalization()).isEqualTo(Normalization.CASED);
    }
  }

  private static int[] framed(BertTokenizer tokenizer, int[] ids) {
    int[] framed = new int[ids.length + 2];
    framed[0] = tokenizer.clsId();
    System.arraycopy(ids, 0, framed, 1, ids.length);
    framed[framed.length - 1] = tokenizer.sepId();
    return framed;
  }

  private static int[] ids(JsonNode fixture, String key, int sentence) {
    JsonNode ids = fixture.get(key).get(sentence);
    int[] result = new int[ids.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = ids.get(i).intValue();
    }
    return result;
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
