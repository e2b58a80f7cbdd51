package io.bertstream.tokenizer;

import java.util.List;

/** BERT's special tokens, in the order a trained vocabulary gives them ids 0..4. */
public final class SpecialTokens {

  public static final String PAD = "[PAD]";
  public static final String UNK = "[UNK]";
  public static final String CLS = "[CLS]";
  public static final String SEP = "[SEP]";
  public static final String MASK = "[MASK]";

  /** [PAD]=0, [UNK]=1, [CLS]=2, [SEP]=3, [MASK]=4 in a trained vocabulary. */
  public static final List<String> ALL = List.of(PAD, UNK, CLS, SEP, MASK);

  public static final String CONTINUATION_PREFIX = "##";

  private SpecialTokens() {}
}
