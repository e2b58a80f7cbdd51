package io.bertstream.tokenizer;

import java.util.Locale;

/**
 * The BERT normalizer's settings, as HuggingFace's {@code BertNormalizer} names them. {@code
 * stripAccents} is the effective value (HuggingFace's {@code null} means "same as lowercase").
 */
public record Normalization(
    boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

  /** bert-base-uncased: clean, CJK spacing, strip accents, lowercase. */
  public static final Normalization UNCASED = new Normalization(true, true, true, true);

  /** bert-base-cased: clean, CJK spacing, keep accents and case. */
  public static final Normalization CASED = new Normalization(true, true, false, false);

  public static Normalization of(boolean cased) {
    return cased ? CASED : UNCASED;
  }

  /** Stable text form; part of the tokenizer fingerprint, so never change it. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "clean_text=%b,handle_chinese_chars=%b,strip_accents=%b,lowercase=%b",
        cleanText,
        handleChineseChars,
        stripAccents,
        lowercase);
  }
}
