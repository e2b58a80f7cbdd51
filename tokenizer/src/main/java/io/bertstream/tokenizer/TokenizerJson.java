package io.bertstream.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes HuggingFace {@code tokenizer.json} files for BERT WordPiece tokenizers: BERT
 * normalizer and pre-tokenizer, WordPiece model, {@code [CLS] A [SEP] B [SEP]} template, WordPiece
 * decoder.
 */
public final class TokenizerJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TokenizerJson() {}

  /** The tokenizer.json text for {@code vocab}; same input, same bytes ("\n" line ends). */
  public static String write(WordPieceVocab vocab) {
    ObjectNode root = NODES.objectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    List<String> tokens = vocab.tokens();
    for (int id = 0; id < tokens.size(); id++) {
      if (vocab.specialTokens().contains(tokens.get(id))) {
        added
            .addObject()
            .put("id", id)
            .put("content", tokens.get(id))
            .put("single_word", false)
            .put("lstrip", false)
            .put("rstrip", false)
            .put("normalized", false)
            .put("special", true);
      }
    }
    root.set("normalizer", normalizer(vocab.normalization()));
    root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
    root.set("post_processor", postProcessor(tokens));
    root.putObject("decoder")
        .put("type", "WordPiece")
        .put("prefix", vocab.continuationPrefix())
        .put("cleanup", true);
    ObjectNode model = root.putObject("model");
    model
        .put("type", "WordPiece")
        .put("unk_token", vocab.unkToken())
        .put("continuing_subword_prefix", vocab.continuationPrefix())
        .put("max_input_chars_per_word", 100);
    ObjectNode vocabNode = model.putObject("vocab");
    for (int id = 0; id < tokens.size(); id++) {
      vocabNode.put(tokens.get(id), id);
    }
    return pretty(root);
  }

  /**
   * {@code json} with its normalizer replaced by a BERT normalizer with these settings, everything
   * else kept (a directory's tokenizer_config.json overrides the casing of its tokenizer.json).
   */
  static String withNormalization(String json, Normalization normalization) {
    JsonNode root = parse(json);
    if (!(root instanceof ObjectNode object)) {
      throw new IllegalArgumentException("a tokenizer.json is a JSON object");
    }
    object.set("normalizer", normalizer(normalization));
    return pretty(object);
  }

  private static ObjectNode normalizer(Normalization norm) {
    return NODES
        .objectNode()
        .put("type", "BertNormalizer")
        .put("clean_text", norm.cleanText())
        .put("handle_chinese_chars", norm.handleChineseChars())
        .put("strip_accents", norm.stripAccents())
        .put("lowercase", norm.lowercase());
  }

  private static String pretty(JsonNode root) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    printer.indentArraysWith(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static ObjectNode postProcessor(List<String> tokens) {
    ObjectNode post = NODES.objectNode().put("type", "TemplateProcessing");
    int cls = tokens.indexOf(SpecialTokens.CLS);
    int sep = tokens.indexOf(SpecialTokens.SEP);
    if (cls < 0 || sep < 0) {
      // A vocabulary without [CLS]/[SEP] cannot frame pairs; leave the text unframed.
      return null;
    }
    ArrayNode single = post.putArray("single");
    special(single, SpecialTokens.CLS, 0);
    sequence(single, "A", 0);
    special(single, SpecialTokens.SEP, 0);
    ArrayNode pair = post.putArray("pair");
    special(pair, SpecialTokens.CLS, 0);
    sequence(pair, "A", 0);
    special(pair, SpecialTokens.SEP, 0);
    sequence(pair, "B", 1);
    special(pair, SpecialTokens.SEP, 1);
    ObjectNode specials = post.putObject("special_tokens");
    for (Map.Entry<String, Integer> entry :
        Map.of(SpecialTokens.CLS, cls, SpecialTokens.SEP, sep).entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .toList()) {
      ObjectNode token = specials.putObject(entry.getKey()).put("id", entry.getKey());
      token.putArray("ids").add(entry.getValue());
      token.putArray("tokens").add(entry.getKey());
    }
    return post;
  }

  private static void special(ArrayNode template, String token, int typeId) {
    template.addObject().putObject("SpecialToken").put("id", token).put("type_id", typeId);
  }

  private static void sequence(ArrayNode template, String id, int typeId) {
    template.addObject().putObject("Sequence").put("id", id).put("type_id", typeId);
  }

  /**
   * Reads a BERT WordPiece tokenizer.json (ours or one HuggingFace wrote).
   *
   * @throws IllegalArgumentException if it is not a WordPiece model with a BERT normalizer
   */
  public static WordPieceVocab read(String json) {
    JsonNode root = parse(json);
    JsonNode model = root.path("model");
    if (!"WordPiece".equals(model.path("type").asText("WordPiece")) || !model.has("vocab")) {
      throw new IllegalArgumentException(
          "not a WordPiece tokenizer (model.type="
              + model.path("type").asText("missing")
              + "); BERT needs a WordPiece vocabulary, not a BPE, Unigram or SentencePiece one");
    }
    String[] tokens = new String[model.get("vocab").size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = model.get("vocab").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      int id = entry.getValue().asInt(-1);
      if (id < 0 || id >= tokens.length || tokens[id] != null) {
        throw new IllegalArgumentException(
            "vocabulary ids are not 0.." + (tokens.length - 1) + " without gaps");
      }
      tokens[id] = entry.getKey();
    }
    Set<String> special = new HashSet<>();
    for (JsonNode added : root.path("added_tokens")) {
      int id = added.path("id").asInt(-1);
      if (id < 0 || id >= tokens.length || !tokens[id].equals(added.path("content").asText())) {
        // Ids past the model's vocabulary would break vocabSize() and the id lookups.
        throw new IllegalArgumentException(
            "added token " + added.path("content") + " is not the vocabulary's token " + id);
      }
      if (added.path("special").asBoolean(false)) {
        special.add(added.path("content").asText());
      }
    }
    List<String> vocab = Arrays.asList(tokens);
    return new WordPieceVocab(
        vocab,
        normalization(root.path("normalizer")),
        model.path("unk_token").asText(SpecialTokens.UNK),
        model.path("continuing_subword_prefix").asText(SpecialTokens.CONTINUATION_PREFIX),
        special);
  }

  private static Normalization normalization(JsonNode normalizer) {
    if (normalizer.isMissingNode() || normalizer.isNull()) {
      return new Normalization(false, false, false, false);
    }
    if (!"BertNormalizer".equals(normalizer.path("type").asText())) {
      throw new IllegalArgumentException(
          "only the BertNormalizer is supported, found " + normalizer.path("type").asText());
    }
    boolean lowercase = normalizer.path("lowercase").asBoolean(true);
    JsonNode strip = normalizer.path("strip_accents");
    return new Normalization(
        normalizer.path("clean_text").asBoolean(true),
        normalizer.path("handle_chinese_chars").asBoolean(true),
        strip.isBoolean() ? strip.asBoolean() : lowercase,
        lowercase);
  }

  /** Lists the tokens of a vocab.txt body in id order (one token a line). */
  static List<String> vocabLines(String text) {
    List<String> tokens = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      tokens.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
    if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isEmpty()) {
      tokens.remove(tokens.size() - 1);
    }
    return tokens;
  }
}
