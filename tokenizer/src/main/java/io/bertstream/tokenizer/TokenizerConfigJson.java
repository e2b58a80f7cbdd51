package io.bertstream.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * transformers' {@code tokenizer_config.json} and {@code special_tokens_map.json} for a BERT
 * tokenizer: the casing they set and the special tokens they name, read as transformers reads them
 * and written so that {@code AutoTokenizer} builds a {@code BertTokenizer} with the same ids.
 */
final class TokenizerConfigJson {

  static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

  /** transformers' name for the class that loads a BERT WordPiece tokenizer, fast or slow. */
  static final String TOKENIZER_CLASS = "BertTokenizer";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TokenizerConfigJson() {}

  /**
   * The normalization a directory's tokenizer_config.json sets, as transformers' BertTokenizer
   * builds it: when the config names any of {@code do_lower_case}, {@code strip_accents}, {@code
   * tokenize_chinese_chars}, those decide (missing ones take transformers' defaults: lower case,
   * accents stripped when lower-casing, CJK spaced); otherwise {@code file}'s settings stay.
   */
  static Normalization normalization(JsonNode config, Normalization file) {
    if (!config.has("do_lower_case")
        && !config.has("strip_accents")
        && !config.has("tokenize_chinese_chars")) {
      return file;
    }
    boolean lowercase = flag(config, "do_lower_case", true);
    JsonNode strip = config.path("strip_accents");
    boolean stripAccents = strip.isNull() || strip.isMissingNode() ? lowercase : bool(strip);
    return new Normalization(
        file.cleanText(), flag(config, "tokenize_chinese_chars", true), stripAccents, lowercase);
  }

  private static boolean flag(JsonNode config, String key, boolean missing) {
    JsonNode value = config.path(key);
    return value.isMissingNode() || value.isNull() ? missing : bool(value);
  }

  private static boolean bool(JsonNode value) {
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(
          TOKENIZER_CONFIG + " has " + value + " where true, false or null belongs");
    }
    return value.booleanValue();
  }

  /**
   * Refuses special tokens bertstream cannot honour: masking, packing and the trainer work with
   * BERT's {@code [CLS] [SEP] [MASK] [PAD]} and the vocabulary's unknown token. As in transformers,
   * special_tokens_map.json's tokens override tokenizer_config.json's.
   */
  static void checkSpecialTokens(JsonNode config, JsonNode specialTokensMap, WordPieceVocab vocab) {
    for (Map.Entry<String, String> role : roles(vocab).entrySet()) {
      String named = content(specialTokensMap.path(role.getKey()));
      if (named == null) {
        named = content(config.path(role.getKey()));
      }
      if (named != null && !named.equals(role.getValue())) {
        throw new IllegalArgumentException(
            role.getKey()
                + " is '"
                + named
                + "' but must be '"
                + role.getValue()
                + "' (bertstream supports BERT's special tokens only)");
      }
    }
    for (JsonNode source : new JsonNode[] {config, specialTokensMap}) {
      for (String key : new String[] {"additional_special_tokens", "extra_special_tokens"}) {
        for (JsonNode token : source.path(key)) {
          String named = content(token);
          if (named != null && !vocab.specialTokens().contains(named)) {
            throw new IllegalArgumentException(
                key
                    + " names '"
                    + named
                    + "', which is not a special token of tokenizer.json (only those are"
                    + " supported)");
          }
        }
      }
    }
  }

  /** A token named as a string, or as an AddedToken object with its content; null if none. */
  private static String content(JsonNode token) {
    if (token.isTextual()) {
      return token.textValue();
    }
    JsonNode content = token.path("content");
    return content.isTextual() ? content.textValue() : null;
  }

  /** special_tokens_map.json's roles and their tokens, in the order transformers sorts them. */
  private static Map<String, String> roles(WordPieceVocab vocab) {
    Map<String, String> roles = new LinkedHashMap<>();
    roles.put("cls_token", SpecialTokens.CLS);
    roles.put("mask_token", SpecialTokens.MASK);
    roles.put("pad_token", SpecialTokens.PAD);
    roles.put("sep_token", SpecialTokens.SEP);
    roles.put("unk_token", vocab.unkToken());
    return roles;
  }

  /**
   * tokenizer_config.json for {@code vocab}: every setting transformers' BertTokenizer reads, keys
   * sorted as transformers writes them. {@code strip_accents} is null when it follows the casing,
   * as transformers writes it.
   */
  static String write(WordPieceVocab vocab, int modelMaxLength) {
    Normalization norm = vocab.normalization();
    ObjectNode config = NODES.objectNode();
    // Decoding joins "word ." back into "word." as BERT's tokenizers always have.
    config.put("clean_up_tokenization_spaces", true);
    config.put("cls_token", SpecialTokens.CLS);
    config.put("do_lower_case", norm.lowercase());
    config.put("mask_token", SpecialTokens.MASK);
    config.put("model_max_length", modelMaxLength);
    config.put("pad_token", SpecialTokens.PAD);
    config.put("sep_token", SpecialTokens.SEP);
    if (norm.stripAccents() == norm.lowercase()) {
      config.putNull("strip_accents");
    } else {
      config.put("strip_accents", norm.stripAccents());
    }
    config.put("tokenize_chinese_chars", norm.handleChineseChars());
    config.put("tokenizer_class", TOKENIZER_CLASS);
    config.put("unk_token", vocab.unkToken());
    return pretty(config);
  }

  /**
   * special_tokens_map.json for {@code vocab}: what transformers 4 reads the special tokens from.
   */
  static String writeSpecialTokensMap(WordPieceVocab vocab) {
    ObjectNode map = NODES.objectNode();
    roles(vocab).forEach(map::put);
    return pretty(map);
  }

  /** JSON as Python's {@code json.dumps(indent=2)} writes it, which transformers uses. */
  private static String pretty(JsonNode node) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return MAPPER.writer(printer).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serializes", e);
    }
  }

  /** A JSON object from a file's text; a file that is not one is a broken directory. */
  static JsonNode parse(String name, String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(name + " is not a JSON object");
    }
    return node;
  }
}
