package io.bertstream.stream.recipe;

/** Ids 0–4 special ([PAD] [UNK] [CLS] [SEP] [MASK]); ids from 500 on are {@code ##} pieces. */
record FakeVocabulary(int vocabSize) implements Vocabulary {

  static final int PAD = 0;
  static final int CLS = 2;
  static final int SEP = 3;
  static final int MASK = 4;

  @Override
  public int clsId() {
    return CLS;
  }

  @Override
  public int sepId() {
    return SEP;
  }

  @Override
  public int maskId() {
    return MASK;
  }

  @Override
  public boolean isSpecial(int id) {
    return id < 5;
  }

  @Override
  public boolean isContinuation(int id) {
    return id >= 500;
  }
}
