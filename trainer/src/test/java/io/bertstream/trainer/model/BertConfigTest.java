package io.bertstream.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.trainer.ModelOverrides;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertConfigTest {

  @Test
  void shouldDefineThePresetSizes() {
    assertThat(BertConfig.preset("tiny", 100))
        .extracting("numLayers", "hiddenSize", "numHeads", "intermediateSize")
        .containsExactly(2, 128, 2, 512);
    assertThat(BertConfig.preset("mini", 100))
        .extracting("numLayers", "hiddenSize", "numHeads", "intermediateSize")
        .containsExactly(4, 256, 4, 1024);
    assertThat(BertConfig.preset("small", 100))
        .extracting("numLayers", "hiddenSize", "numHeads", "intermediateSize")
        .containsExactly(4, 512, 8, 2048);
    BertConfig base = BertConfig.preset("BASE", 30522);
    assertThat(base)
        .extracting("numLayers", "hiddenSize", "numHeads", "intermediateSize", "vocabSize")
        .containsExactly(12, 768, 12, 3072, 30522);
    assertThat(base.maxPositions()).isEqualTo(512);
    assertThat(base.typeVocabSize()).isEqualTo(2);
    assertThat(base.layerNormEps()).isEqualTo(1e-12);
    assertThat(base.hiddenDropout()).isEqualTo(0.1);
    assertThat(base.initializerRange()).isEqualTo(0.02);
  }

  @Test
  void shouldOverrideOneFieldAndKeepTheRest() {
    BertConfig c = BertConfig.preset("mini", 100).toBuilder().numLayers(6).dropout(0).build();
    assertThat(c.numLayers()).isEqualTo(6);
    assertThat(c.hiddenSize()).isEqualTo(256);
    assertThat(c.hiddenDropout()).isZero();
    assertThat(c.attentionDropout()).isZero();
  }

  @Test
  void shouldAcceptOverridesThatAreOnlyValidTogether() {
    // mini has 4 heads: 90 hidden units alone would not divide, with 3 heads they do.
    BertConfig c = new ModelOverrides(null, 90, 3, null, null, null).apply("mini", 100);
    assertThat(c.hiddenSize()).isEqualTo(90);
    assertThat(c.numHeads()).isEqualTo(3);
    assertThat(c.headSize()).isEqualTo(30);
  }

  @Test
  void shouldRejectHiddenSizeNotDivisibleByHeadsAndUnknownPresets() {
    assertThatThrownBy(() -> BertConfig.preset("tiny", 100).toBuilder().numHeads(3).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple");
    assertThatThrownBy(() -> BertConfig.preset("huge", 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tiny");
  }

  @Test
  void shouldRoundTripThroughJsonWithHuggingFaceKeys(@TempDir Path dir) throws Exception {
    BertConfig c = BertConfig.preset("small", 1234).toBuilder().maxPositions(128).build();
    assertThat(c.toJson())
        .contains("\"num_hidden_layers\" : 4", "\"layer_norm_eps\" : 1.0E-12", "\"vocab_size\"");
    Path file = dir.resolve("config.json");
    c.write(file);
    assertThat(BertConfig.read(file)).isEqualTo(c);
  }
}
