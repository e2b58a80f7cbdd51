package io.bertstream.trainer.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Shape and regularisation of a BERT model. The JSON form uses HuggingFace's {@code config.json}
 * keys, so a checkpoint's config reads like a {@code BertConfig} there.
 *
 * @param vocabSize word-piece vocabulary size (from the tokenizer)
 * @param hiddenSize width of every token vector
 * @param numLayers number of encoder layers
 * @param numHeads attention heads per layer; must divide {@code hiddenSize}
 * @param intermediateSize width of the feed-forward layer
 * @param maxPositions number of learned position embeddings (longest sequence)
 * @param typeVocabSize number of segment (token type) embeddings
 * @param hiddenDropout dropout after embeddings, attention output and feed-forward output
 * @param attentionDropout dropout on the attention probabilities
 * @param layerNormEps epsilon of every LayerNorm
 * @param initializerRange standard deviation of the normal weight initialisation
 */
public record BertConfig(
    @JsonProperty("vocab_size") int vocabSize,
    @JsonProperty("hidden_size") int hiddenSize,
    @JsonProperty("num_hidden_layers") int numLayers,
    @JsonProperty("num_attention_heads") int numHeads,
    @JsonProperty("intermediate_size") int intermediateSize,
    @JsonProperty("max_position_embeddings") int maxPositions,
    @JsonProperty("type_vocab_size") int typeVocabSize,
    @JsonProperty("hidden_dropout_prob") double hiddenDropout,
    @JsonProperty("attention_probs_dropout_prob") double attentionDropout,
    @JsonProperty("layer_norm_eps") double layerNormEps,
    @JsonProperty("initializer_range") double initializerRange) {

  public static final int DEFAULT_MAX_POSITIONS = 512;
  public static final int DEFAULT_TYPE_VOCAB_SIZE = 2;
  public static final double DEFAULT_DROPOUT = 0.1;
  public static final double DEFAULT_LAYER_NORM_EPS = 1e-12;
  public static final double DEFAULT_INITIALIZER_RANGE = 0.02;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public BertConfig {
    requirePositive("vocabSize", vocabSize);
    requirePositive("hiddenSize", hiddenSize);
    requirePositive("numLayers", numLayers);
    requirePositive("numHeads", numHeads);
    requirePositive("intermediateSize", intermediateSize);
    requirePositive("maxPositions", maxPositions);
    requirePositive("typeVocabSize", typeVocabSize);
    if (hiddenSize % numHeads != 0) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "hiddenSize %d is not a multiple of numHeads %d", hiddenSize, numHeads));
    }
    requireProbability("hiddenDropout", hiddenDropout);
    requireProbability("attentionDropout", attentionDropout);
    if (!(layerNormEps > 0)) {
      throw new IllegalArgumentException("layerNormEps must be > 0, got " + layerNormEps);
    }
    if (!(initializerRange > 0)) {
      throw new IllegalArgumentException("initializerRange must be > 0, got " + initializerRange);
    }
  }

  /** Names accepted by {@link #preset(String, int)}, smallest first. */
  public static List<String> presetNames() {
    return List.of("tiny", "mini", "small", "base");
  }

  /**
   * A standard size with BERT's defaults for everything else.
   *
   * @param name {@code tiny} (2 layers, 128 hidden, 2 heads, 512 intermediate), {@code mini}
   *     (4/256/4/1024), {@code small} (4/512/8/2048) or {@code base} (12/768/12/3072)
   * @param vocabSize the tokenizer's vocabulary size
   */
  public static BertConfig preset(String name, int vocabSize) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "tiny" -> standard(vocabSize, 128, 2, 2, 512);
      case "mini" -> standard(vocabSize, 256, 4, 4, 1024);
      case "small" -> standard(vocabSize, 512, 4, 8, 2048);
      case "base" -> standard(vocabSize, 768, 12, 12, 3072);
      default ->
          throw new IllegalArgumentException(
              "unknown preset '" + name + "', expected one of " + presetNames());
    };
  }

  private static BertConfig standard(
      int vocabSize, int hidden, int layers, int heads, int intermediate) {
    return new BertConfig(
        vocabSize,
        hidden,
        layers,
        heads,
        intermediate,
        DEFAULT_MAX_POSITIONS,
        DEFAULT_TYPE_VOCAB_SIZE,
        DEFAULT_DROPOUT,
        DEFAULT_DROPOUT,
        DEFAULT_LAYER_NORM_EPS,
        DEFAULT_INITIALIZER_RANGE);
  }

  /** Width of one attention head. */
  public int headSize() {
    return hiddenSize / numHeads;
  }

  /** A builder that starts from this config's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes several values at once; {@link #build} validates only the result, so a combination that
   * is valid as a whole (say 90 hidden units with 3 heads) never fails half-way.
   */
  public static final class Builder {
    private int vocabSize;
    private int hiddenSize;
    private int numLayers;
    private int numHeads;
    private int intermediateSize;
    private int maxPositions;
    private int typeVocabSize;
    private double hiddenDropout;
    private double attentionDropout;
    private double layerNormEps;
    private double initializerRange;

    private Builder(BertConfig c) {
      vocabSize = c.vocabSize;
      hiddenSize = c.hiddenSize;
      numLayers = c.numLayers;
      numHeads = c.numHeads;
      intermediateSize = c.intermediateSize;
      maxPositions = c.maxPositions;
      typeVocabSize = c.typeVocabSize;
      hiddenDropout = c.hiddenDropout;
      attentionDropout = c.attentionDropout;
      layerNormEps = c.layerNormEps;
      initializerRange = c.initializerRange;
    }

    public Builder hiddenSize(int v) {
      hiddenSize = v;
      return this;
    }

    public Builder numLayers(int v) {
      numLayers = v;
      return this;
    }

    public Builder numHeads(int v) {
      numHeads = v;
      return this;
    }

    public Builder intermediateSize(int v) {
      intermediateSize = v;
      return this;
    }

    public Builder maxPositions(int v) {
      maxPositions = v;
      return this;
    }

    /** Both dropout rates (hidden and attention), as a single training flag usually sets them. */
    public Builder dropout(double v) {
      hiddenDropout = v;
      attentionDropout = v;
      return this;
    }

    public BertConfig build() {
      return new BertConfig(
          vocabSize,
          hiddenSize,
          numLayers,
          numHeads,
          intermediateSize,
          maxPositions,
          typeVocabSize,
          hiddenDropout,
          attentionDropout,
          layerNormEps,
          initializerRange);
    }
  }

  /** This config as JSON with HuggingFace's key names. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a config written by {@link #toJson()}; unknown keys are an error. */
  public static BertConfig fromJson(String json) {
    try {
      return JSON.readValue(json, BertConfig.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid BERT config: " + e.getMessage(), e);
    }
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, toJson());
  }

  public static BertConfig read(Path file) throws IOException {
    return fromJson(Files.readString(file));
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, got " + value);
    }
  }

  private static void requireProbability(String name, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
    }
  }
}
