package io.bertstream.trainer.huggingface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bertstream.trainer.model.BertConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HuggingFace's BERT {@code config.json}: the shape ({@link BertConfig}) plus the keys that say
 * which computation the weights expect. A missing key takes transformers' {@code BertConfig}
 * default, as {@code from_pretrained} would; keys this trainer has no use for are ignored.
 *
 * @param bert shape and regularisation
 * @param modelType {@code model_type}; {@code null} when absent
 * @param architectures {@code architectures}, e.g. {@code [BertForPreTraining]}; may be empty
 * @param hiddenAct {@code hidden_act}
 * @param positionEmbeddingType {@code position_embedding_type}
 * @param tieWordEmbeddings {@code tie_word_embeddings}: the MLM decoder shares the word embeddings
 * @param isDecoder {@code is_decoder}: causal self-attention
 * @param padTokenId {@code pad_token_id}; {@code null} when the config says none
 */
public record HuggingFaceConfig(
    BertConfig bert,
    String modelType,
    List<String> architectures,
    String hiddenAct,
    String positionEmbeddingType,
    boolean tieWordEmbeddings,
    boolean isDecoder,
    Integer padTokenId) {

  public static final String FILE_NAME = "config.json";
  public static final String MODEL_TYPE = "bert";
  public static final String ARCHITECTURE = "BertForPreTraining";

  /** Exact (erf) GELU, the only activation this trainer's BERT computes. */
  public static final String GELU = "gelu";

  public static final String ABSOLUTE = "absolute";

  /** transformers' defaults for the shape keys (bert-base). */
  static final int DEFAULT_VOCAB_SIZE = 30522;

  static final int DEFAULT_HIDDEN_SIZE = 768;
  static final int DEFAULT_LAYERS = 12;
  static final int DEFAULT_HEADS = 12;
  static final int DEFAULT_INTERMEDIATE_SIZE = 3072;
  static final int DEFAULT_PAD_TOKEN_ID = 0;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public HuggingFaceConfig {
    architectures = List.copyOf(architectures);
  }

  /** The config this trainer's model corresponds to: BERT for pretraining, GELU, tied decoder. */
  public static HuggingFaceConfig of(BertConfig bert, int padTokenId) {
    return new HuggingFaceConfig(
        bert, MODEL_TYPE, List.of(ARCHITECTURE), GELU, ABSOLUTE, true, false, padTokenId);
  }

  /**
   * The reasons this trainer cannot compute what these weights expect, empty when it can. The
   * trainer's BERT is an encoder with learned absolute positions and exact GELU.
   */
  public List<String> unsupported() {
    List<String> problems = new ArrayList<>();
    if (modelType != null && !modelType.equals(MODEL_TYPE)) {
      problems.add("model_type is '" + modelType + "', only 'bert' is supported");
    }
    if (!hiddenAct.equals(GELU)) {
      problems.add("hidden_act is '" + hiddenAct + "', only 'gelu' (exact erf GELU) is supported");
    }
    if (!positionEmbeddingType.equals(ABSOLUTE)) {
      problems.add(
          "position_embedding_type is '"
              + positionEmbeddingType
              + "', only 'absolute' is supported");
    }
    if (isDecoder) {
      problems.add("is_decoder is true, only the bidirectional encoder is supported");
    }
    return problems;
  }

  /** The architecture a conversion snippet should load these weights with. */
  String architecture() {
    return architectures.stream()
        .filter(a -> a.startsWith("Bert"))
        .findFirst()
        .orElse(ARCHITECTURE);
  }

  /**
   * Parses {@code config.json}.
   *
   * @throws IllegalArgumentException when it is not JSON, a value has the wrong type, or the shape
   *     is invalid
   */
  public static HuggingFaceConfig parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    BertConfig bert =
        new BertConfig(
            integer(root, "vocab_size", DEFAULT_VOCAB_SIZE),
            integer(root, "hidden_size", DEFAULT_HIDDEN_SIZE),
            integer(root, "num_hidden_layers", DEFAULT_LAYERS),
            integer(root, "num_attention_heads", DEFAULT_HEADS),
            integer(root, "intermediate_size", DEFAULT_INTERMEDIATE_SIZE),
            integer(root, "max_position_embeddings", BertConfig.DEFAULT_MAX_POSITIONS),
            integer(root, "type_vocab_size", BertConfig.DEFAULT_TYPE_VOCAB_SIZE),
            number(root, "hidden_dropout_prob", BertConfig.DEFAULT_DROPOUT),
            number(root, "attention_probs_dropout_prob", BertConfig.DEFAULT_DROPOUT),
            number(root, "layer_norm_eps", BertConfig.DEFAULT_LAYER_NORM_EPS),
            number(root, "initializer_range", BertConfig.DEFAULT_INITIALIZER_RANGE));
    List<String> architectures = new ArrayList<>();
    JsonNode arch = root.get("architectures");
    if (arch != null && arch.isArray()) {
      arch.forEach(a -> architectures.add(a.asText()));
    }
    JsonNode pad = root.get("pad_token_id");
    Integer padTokenId =
        pad != null && pad.isNull() ? null : integer(root, "pad_token_id", DEFAULT_PAD_TOKEN_ID);
    return new HuggingFaceConfig(
        bert,
        text(root, "model_type", null),
        architectures,
        text(root, "hidden_act", GELU),
        text(root, "position_embedding_type", ABSOLUTE),
        bool(root, "tie_word_embeddings", true),
        bool(root, "is_decoder", false),
        padTokenId);
  }

  /** Reads {@code file}; see {@link #parse}. */
  public static HuggingFaceConfig read(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** This config as a {@code config.json} that transformers' {@code from_pretrained} reads. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("architectures").addAll(architectures.stream().map(root::textNode).toList());
    if (modelType != null) {
      root.put("model_type", modelType);
    }
    root.put("vocab_size", bert.vocabSize());
    root.put("hidden_size", bert.hiddenSize());
    root.put("num_hidden_layers", bert.numLayers());
    root.put("num_attention_heads", bert.numHeads());
    root.put("intermediate_size", bert.intermediateSize());
    root.put("hidden_act", hiddenAct);
    root.put("hidden_dropout_prob", bert.hiddenDropout());
    root.put("attention_probs_dropout_prob", bert.attentionDropout());
    root.put("max_position_embeddings", bert.maxPositions());
    root.put("type_vocab_size", bert.typeVocabSize());
    root.put("initializer_range", bert.initializerRange());
    root.put("layer_norm_eps", bert.layerNormEps());
    if (padTokenId == null) {
      root.putNull("pad_token_id");
    } else {
      root.put("pad_token_id", padTokenId);
    }
    root.put("position_embedding_type", positionEmbeddingType);
    root.put("tie_word_embeddings", tieWordEmbeddings);
    root.put("is_decoder", isDecoder);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, toJson());
  }

  private static int integer(JsonNode root, String key, int fallback) {
    JsonNode n = root.get(key);
    if (n == null) {
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new IllegalArgumentException(key + " must be an integer, got " + n);
    }
    return n.intValue();
  }

  private static double number(JsonNode root, String key, double fallback) {
    JsonNode n = root.get(key);
    if (n == null) {
      return fallback;
    }
    if (!n.isNumber()) {
      throw new IllegalArgumentException(key + " must be a number, got " + n);
    }
    return n.doubleValue();
  }

  private static String text(JsonNode root, String key, String fallback) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isTextual()) {
      throw new IllegalArgumentException(key + " must be a string, got " + n);
    }
    return n.asText();
  }

  private static boolean bool(JsonNode root, String key, boolean fallback) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw new IllegalArgumentException(key + " must be true or false, got " + n);
    }
    return n.booleanValue();
  }
}
