package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckpointNamesTest {

  @Test
  void shouldKeepTheTrainersOwnNames() {
    assertThat(CheckpointNames.canonical("bert.encoder.layer.1.output.LayerNorm.weight"))
        .isEqualTo("bert.encoder.layer.1.output.LayerNorm.weight");
    assertThat(CheckpointNames.canonical("cls.predictions.bias")).isEqualTo("cls.predictions.bias");
    assertThat(CheckpointNames.canonical("cls.seq_relationship.weight"))
        .isEqualTo("cls.seq_relationship.weight");
  }

  @Test
  void shouldAddTheBertPrefixToABareModelsNames() {
    assertThat(CheckpointNames.canonical("embeddings.word_embeddings.weight"))
        .isEqualTo("bert.embeddings.word_embeddings.weight");
    assertThat(CheckpointNames.canonical("encoder.layer.0.attention.self.query.bias"))
        .isEqualTo("bert.encoder.layer.0.attention.self.query.bias");
    assertThat(CheckpointNames.canonical("pooler.dense.weight"))
        .isEqualTo("bert.pooler.dense.weight");
  }

  @Test
  void shouldNameLegacyLayerNormGammaAndBetaWeightAndBias() {
    assertThat(CheckpointNames.canonical("embeddings.LayerNorm.gamma"))
        .isEqualTo("bert.embeddings.LayerNorm.weight");
    assertThat(CheckpointNames.canonical("cls.predictions.transform.LayerNorm.beta"))
        .isEqualTo("cls.predictions.transform.LayerNorm.bias");
    // only LayerNorm's: another tensor called gamma is not renamed
    assertThat(CheckpointNames.canonical("some.gamma")).isEqualTo("some.gamma");
  }

  @Test
  void shouldTreatTheDecoderBiasAsThePredictionsBiasButLeaveTheDecoderWeight() {
    assertThat(CheckpointNames.canonical("cls.predictions.decoder.bias"))
        .isEqualTo("cls.predictions.bias");
    assertThat(CheckpointNames.canonical("cls.predictions.decoder.weight"))
        .isEqualTo("cls.predictions.decoder.weight");
  }

  @Test
  void shouldRequireTheEncoderButNotThePoolerOrHeads() {
    assertThat(CheckpointNames.required("bert.embeddings.LayerNorm.bias")).isTrue();
    assertThat(CheckpointNames.required("bert.encoder.layer.0.output.dense.weight")).isTrue();
    assertThat(CheckpointNames.required("bert.pooler.dense.weight")).isFalse();
    assertThat(CheckpointNames.required("cls.predictions.bias")).isFalse();
  }
}
