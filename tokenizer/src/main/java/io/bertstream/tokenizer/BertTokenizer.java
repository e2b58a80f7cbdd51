package io.bertstream.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A BERT WordPiece tokenizer loaded from a HuggingFace {@code tokenizer.json}, a plain {@code
 * vocab.txt} or a HuggingFace model directory, encoding through DJL's binding of HuggingFace
 * tokenizers (native, batch-parallel).
 *
 * <p>Encoding is safe from several threads: the native tokenizer is not changed after loading.
 */
public final class BertTokenizer implements AutoCloseable {

  /** Never truncate or pad: the stream decides lengths itself. */
  private static final Map<String, String> DJL_OPTIONS =
      Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

  private final HuggingFaceTokenizer tokenizer;
  private final WordPieceVocab vocab;
  private final Map<String, Integer> ids;
  private final boolean[] special;
  private final boolean[] continuation;
  private final String fingerprint;
  private final int cls;
  private final int sep;
  private final int mask;
  private final int pad;
  private final int unk;

  private BertTokenizer(HuggingFaceTokenizer tokenizer, WordPieceVocab vocab) {
    this.tokenizer = tokenizer;
    this.vocab = vocab;
    List<String> tokens = vocab.tokens();
    this.ids = new HashMap<>(tokens.size() * 2);
    this.special = new boolean[tokens.size()];
    this.continuation = new boolean[tokens.size()];
    for (int id = 0; id < tokens.size(); id++) {
      String token = tokens.get(id);
      ids.put(token, id);
      special[id] = vocab.specialTokens().contains(token) || SpecialTokens.ALL.contains(token);
      continuation[id] = token.startsWith(vocab.continuationPrefix());
    }
    this.fingerprint = vocab.fingerprint();
    this.cls = required(SpecialTokens.CLS);
    this.sep = required(SpecialTokens.SEP);
    this.mask = required(SpecialTokens.MASK);
    this.pad = required(SpecialTokens.PAD);
    this.unk = required(vocab.unkToken());
  }

  private int required(String token) {
    Integer id = ids.get(token);
    if (id == null) {
      close();
      throw new IllegalArgumentException("the vocabulary has no " + token + " token");
    }
    return id;
  }

  /**
   * Loads a {@code tokenizer.json} (any file whose content is a JSON object), a {@code vocab.txt}
   * (any other file), or a HuggingFace model directory: its tokenizer.json, else its vocab.txt,
   * with the casing its {@code tokenizer_config.json} sets (see {@link HuggingFaceTokenizerFiles}).
   * The same vocabulary and settings give the same {@link #fingerprint()} whichever way they come.
   *
   * @throws InvalidTokenizerException if there is nothing at {@code path}, or it is not a BERT
   *     WordPiece tokenizer bertstream supports; the message names {@code path}
   */
  public static BertTokenizer load(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new InvalidTokenizerException(
          "no tokenizer at "
              + path
              + ": give a tokenizer.json, a vocab.txt or a HuggingFace model directory");
    }
    try {
      TokenizerDefinition definition =
          Files.isDirectory(path)
              ? HuggingFaceTokenizerFiles.read(path)
              : TokenizerDefinition.readFile(path);
      return create(definition);
    } catch (InvalidTokenizerException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenizerException(path + ": " + e.getMessage(), e);
    }
  }

  /** A tokenizer for an in-memory vocabulary (what the trainer just produced, or a test's). */
  public static BertTokenizer of(WordPieceVocab vocab) throws IOException {
    return create(TokenizerDefinition.of(vocab));
  }

  private static BertTokenizer create(TokenizerDefinition definition) throws IOException {
    // DJL probes cloud metadata for telemetry unless offline; no network at run time.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(definition.json().getBytes(StandardCharsets.UTF_8)),
            DJL_OPTIONS);
    return new BertTokenizer(tokenizer, definition.vocab());
  }

  /** The {@code tokenizer_id}: a short hash of the vocabulary and the normalization settings. */
  public String fingerprint() {
    return fingerprint;
  }

  public WordPieceVocab vocab() {
    return vocab;
  }

  public int vocabSize() {
    return special.length;
  }

  /** The id of {@code token}, or the unknown token's id if it is not in the vocabulary. */
  public int id(String token) {
    return ids.getOrDefault(token, unk);
  }

  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  public String token(int id) {
    return vocab.tokens().get(id);
  }

  public int clsId() {
    return cls;
  }

  public int sepId() {
    return sep;
  }

  public int maskId() {
    return mask;
  }

  public int padId() {
    return pad;
  }

  public int unkId() {
    return unk;
  }

  /** True for [PAD], [UNK], [CLS], [SEP], [MASK] and any token the file marks special. */
  public boolean isSpecial(int id) {
    return special[id];
  }

  /** True when the token continues a word (starts with {@code ##}). */
  public boolean isContinuation(int id) {
    return continuation[id];
  }

  /** Word-piece ids of {@code text}, without [CLS]/[SEP], never truncated. */
  public int[] encodeIds(String text) {
    return toInts(tokenizer.encode(text, false, false).getIds());
  }

  /** Word-piece ids of each text, encoded in parallel by the native tokenizer. */
  public List<int[]> encodeIds(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Encoding[] encodings = tokenizer.batchEncode(texts.toArray(String[]::new), false, false);
    int[][] result = new int[encodings.length][];
    for (int i = 0; i < encodings.length; i++) {
      result[i] = toInts(encodings[i].getIds());
    }
    return List.of(result);
  }

  /** Word pieces of {@code text} as strings, without [CLS]/[SEP]. */
  public List<String> tokenize(String text) {
    return List.of(tokenizer.encode(text, false, false).getTokens());
  }

  /** Text for ids, special tokens included, {@code ##} pieces joined to their word. */
  public String decode(int[] ids) {
    long[] longs = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      longs[i] = ids[i];
    }
    return tokenizer.decode(longs, false);
  }

  private static int[] toInts(long[] ids) {
    int[] ints = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ints[i] = (int) ids[i];
    }
    return ints;
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "BertTokenizer[%d tokens, %s, id %s]",
        vocabSize(),
        vocab.normalization().lowercase() ? "uncased" : "cased",
        fingerprint);
  }
}
