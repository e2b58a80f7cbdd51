package io.bertstream.stream.recipe;

/** What the recipe needs to know about a WordPiece vocabulary. */
public interface Vocabulary {

  int vocabSize();

  int clsId();

  int sepId();

  int maskId();

  /** {@code [CLS]}, {@code [SEP]}, {@code [PAD]}, {@code [MASK]}, {@code [UNK]} and the like. */
  boolean isSpecial(int id);

  /** A piece that continues the previous one inside a word ({@code ##ing}). */
  boolean isContinuation(int id);
}
