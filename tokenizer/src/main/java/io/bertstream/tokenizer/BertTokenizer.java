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
 * A BERT WordPiece tokenizer loaded from a HuggingFace {@code tokenizer.json} or a plain {@code
 * vocab.txt}, encoding through DJL's binding of HuggingFace tokenizers (native, batch-parallel).
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
   * Loads a {@code tokenizer.json} (any file whose content is a JSON object) or a {@code vocab.txt}
   * (anything else); a directory means its {@code tokenizer.json}, else its {@code vocab.txt}.
   *
   * @throws IllegalArgumentException if the file is not a BERT WordPiece tokenizer
   */
  public static BertTokenizer load(Path path) throws IOException {
    Path file = resolve(path);
    String text = Files.readString(file, StandardCharsets.UTF_8);
    boolean json = text.stripLeading().startsWith("{");
    WordPieceVocab vocab = json ? TokenizerJson.read(text) : VocabTxt.read(text);
    return create(json ? text : TokenizerJson.write(vocab), vocab);
  }

  /** A tokenizer for an in-memory vocabulary (what the trainer just produced, or a test's). */
  public static BertTokenizer of(WordPieceVocab vocab) throws IOException {
    return create(TokenizerJson.write(vocab), vocab);
  }

  private static BertTokenizer create(String json, WordPieceVocab vocab) throws IOException {
    // DJL probes cloud metadata for telemetry unless offline; no network at run time.
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), DJL_OPTIONS);
    return new BertTokenizer(tokenizer, vocab);
  }

  private static Path resolve(Path path) {
    if (!Files.isDirectory(path)) {
      return path;
    }
    Path json = path.resolve("tokenizer.json");
    return Files.exists(json) ? json : path.resolve("vocab.txt");
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
