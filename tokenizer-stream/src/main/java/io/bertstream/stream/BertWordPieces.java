package io.bertstream.stream;

import io.bertstream.tokenizer.BertTokenizer;
import java.util.List;

/** {@link WordPieces} backed by the project's {@link BertTokenizer} (DJL HuggingFace). */
public record BertWordPieces(BertTokenizer tokenizer) implements WordPieces {

  @Override
  public List<int[]> encode(List<String> texts) {
    return tokenizer.encodeIds(texts);
  }

  @Override
  public String token(int id) {
    return tokenizer.token(id);
  }

  @Override
  public String fingerprint() {
    return tokenizer.fingerprint();
  }

  @Override
  public int vocabSize() {
    return tokenizer.vocabSize();
  }

  @Override
  public int clsId() {
    return tokenizer.clsId();
  }

  @Override
  public int sepId() {
    return tokenizer.sepId();
  }

  @Override
  public int maskId() {
    return tokenizer.maskId();
  }

  @Override
  public boolean isSpecial(int id) {
    return tokenizer.isSpecial(id);
  }

  @Override
  public boolean isContinuation(int id) {
    return tokenizer.isContinuation(id);
  }
}
