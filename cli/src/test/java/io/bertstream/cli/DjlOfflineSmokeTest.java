package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the native libraries come from the Maven jars: surefire runs this module with {@code
 * ai.djl.offline=true} and an empty engine cache, so anything DJL would download fails here.
 */
class DjlOfflineSmokeTest {

  @Test
  void shouldComputeWithPyTorchFromTheMavenJarsOffline() {
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    Engine engine = Engine.getEngine("PyTorch");
    assertThat(engine.getVersion()).isEqualTo("2.7.1");
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
      float[] product = a.matMul(a.transpose()).toFloatArray();
      assertThat(product).containsExactly(5f, 11f, 11f, 25f);
    }
  }

  @Test
  void shouldLoadAWordPieceTokenizerJsonBuiltHere(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("tokenizer.json");
    Files.writeString(json, TINY_WORDPIECE, StandardCharsets.UTF_8);
    try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json)) {
      Encoding encoding = tokenizer.encode("Hello unbelievable world");
      assertThat(encoding.getTokens())
          .containsExactly("[CLS]", "hello", "un", "##believ", "##able", "[UNK]", "[SEP]");
      assertThat(encoding.getIds()).containsExactly(2L, 5L, 6L, 7L, 8L, 1L, 3L);
    }
  }

  private static final String TINY_WORDPIECE =
      """
      {
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [],
        "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
                       "strip_accents": null, "lowercase": true},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
          "type": "TemplateProcessing",
          "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
          "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                   {"Sequence": {"id": "A", "type_id": 0}},
                   {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                   {"Sequence": {"id": "B", "type_id": 1}},
                   {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
          "special_tokens": {
            "[CLS]": {"id": "[CLS]", "ids": [2], "tokens": ["[CLS]"]},
            "[SEP]": {"id": "[SEP]", "ids": [3], "tokens": ["[SEP]"]}
          }
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": true},
        "model": {
          "type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
          "max_input_chars_per_word": 100,
          "vocab": {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "[MASK]": 4,
                    "hello": 5, "un": 6, "##believ": 7, "##able": 8}
        }
      }
      """;
}
