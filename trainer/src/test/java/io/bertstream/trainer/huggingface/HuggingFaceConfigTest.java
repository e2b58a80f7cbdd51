package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.trainer.model.BertConfig;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HuggingFaceConfigTest {

  @Test
  void shouldReadTheConfigTransformersWrote() throws IOException {
    HuggingFaceConfig config = HuggingFaceConfig.read(Fixtures.path("pretraining/config.json"));
    assertThat(config.bert())
        .isEqualTo(new BertConfig(121, 32, 2, 2, 64, 64, 2, 0.1, 0.1, 1e-12, 0.02));
    assertThat(config.modelType()).isEqualTo("bert");
    assertThat(config.architectures()).containsExactly("BertForPreTraining");
    assertThat(config.hiddenAct()).isEqualTo("gelu");
    assertThat(config.positionEmbeddingType()).isEqualTo("absolute");
    assertThat(config.tieWordEmbeddings()).isTrue();
    assertThat(config.padTokenId()).isZero();
    assertThat(config.unsupported()).isEmpty();
  }

  @Test
  void shouldTakeTransformersDefaultsForMissingKeys() {
    HuggingFaceConfig config = HuggingFaceConfig.parse("{}");
    assertThat(config.bert())
        .isEqualTo(new BertConfig(30522, 768, 12, 12, 3072, 512, 2, 0.1, 0.1, 1e-12, 0.02));
    assertThat(config.modelType()).isNull();
    assertThat(config.architectures()).isEmpty();
    assertThat(config.tieWordEmbeddings()).isTrue();
    assertThat(config.padTokenId()).isZero();
    assertThat(config.unsupported()).isEmpty();
    assertThat(HuggingFaceConfig.parse("{\"pad_token_id\": null}").padTokenId()).isNull();
  }

  @Test
  void shouldRoundTripThroughItsJson() {
    BertConfig bert = new BertConfig(99, 48, 3, 4, 80, 40, 3, 0.05, 0.2, 1e-7, 0.03);
    HuggingFaceConfig config = HuggingFaceConfig.of(bert, 5);
    assertThat(HuggingFaceConfig.parse(config.toJson())).isEqualTo(config);
  }

  @Test
  void shouldWriteTheKeysTransformersNeedsToBuildTheModel() throws IOException {
    BertConfig bert = BertConfig.preset("mini", 1000);
    JsonNode json = new ObjectMapper().readTree(HuggingFaceConfig.of(bert, 0).toJson());
    assertThat(json.get("model_type").asText()).isEqualTo("bert");
    assertThat(json.get("architectures").get(0).asText()).isEqualTo("BertForPreTraining");
    assertThat(json.get("hidden_act").asText()).isEqualTo("gelu");
    assertThat(json.get("position_embedding_type").asText()).isEqualTo("absolute");
    assertThat(json.get("tie_word_embeddings").asBoolean()).isTrue();
    assertThat(json.get("pad_token_id").asInt()).isZero();
    assertThat(json.get("vocab_size").asInt()).isEqualTo(1000);
    assertThat(json.get("hidden_size").asInt()).isEqualTo(256);
    assertThat(json.get("num_hidden_layers").asInt()).isEqualTo(4);
    assertThat(json.get("num_attention_heads").asInt()).isEqualTo(4);
    assertThat(json.get("intermediate_size").asInt()).isEqualTo(1024);
    assertThat(json.get("max_position_embeddings").asInt()).isEqualTo(512);
    assertThat(json.get("type_vocab_size").asInt()).isEqualTo(2);
    assertThat(json.get("layer_norm_eps").asDouble()).isEqualTo(1e-12);
    assertThat(json.get("initializer_range").asDouble()).isEqualTo(0.02);
    assertThat(json.get("hidden_dropout_prob").asDouble()).isEqualTo(0.1);
    assertThat(json.get("attention_probs_dropout_prob").asDouble()).isEqualTo(0.1);
  }

  @Test
  void shouldListWhatTheTrainerCannotCompute() {
    HuggingFaceConfig config =
        HuggingFaceConfig.parse(
            "{\"model_type\":\"roberta\",\"hidden_act\":\"gelu_new\","
                + "\"position_embedding_type\":\"relative_key\",\"is_decoder\":true}");
    List<String> problems = config.unsupported();
    assertThat(problems)
        .containsExactly(
            "model_type is 'roberta', only 'bert' is supported",
            "hidden_act is 'gelu_new', only 'gelu' (exact erf GELU) is supported",
            "position_embedding_type is 'relative_key', only 'absolute' is supported",
            "is_decoder is true, only the bidirectional encoder is supported");
  }

  @Test
  void shouldRefuseValuesOfTheWrongType() {
    assertThatThrownBy(() -> HuggingFaceConfig.parse("{\"hidden_size\": \"32\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hidden_size must be an integer, got \"32\"");
    assertThatThrownBy(
            () -> HuggingFaceConfig.parse("{\"hidden_size\": 30, \"num_attention_heads\": 4}"))
        .hasMessageContaining("hiddenSize 30 is not a multiple of numHeads 4");
    assertThatThrownBy(() -> HuggingFaceConfig.parse("{\"tie_word_embeddings\": 1}"))
        .hasMessageContaining("tie_word_embeddings must be true or false");
    assertThatThrownBy(() -> HuggingFaceConfig.parse("{\"hidden_act\": 3}"))
        .hasMessageContaining("hidden_act must be a string");
    assertThatThrownBy(() -> HuggingFaceConfig.parse("{\"layer_norm_eps\": \"x\"}"))
        .hasMessageContaining("layer_norm_eps must be a number");
    assertThatThrownBy(() -> HuggingFaceConfig.parse("{")).hasMessageStartingWith("not valid JSON");
  }
}
