package io.bertstream.stream;

import io.bertstream.stream.recipe.Vocabulary;
import java.util.List;

/** The tokenizer as the stream uses it: batch WordPiece encoding plus vocabulary facts. */
public interface WordPieces extends Vocabulary {

  /** Word-piece ids of each text, without special tokens. */
  List<int[]> encode(List<String> texts);

  /** The token a given id stands for ({@code ##ing}, {@code [MASK]}, ...). */
  String token(int id);

  /** The tokenizer id written into every example: vocabulary plus settings. */
  String fingerprint();
}
