package io.bertstream.stream.recipe;

import java.util.Optional;
import java.util.Random;

/** Where random-next segments come from: sentences of documents seen earlier. */
public interface RandomSegmentSource {

  /**
   * Consecutive sentences of a document other than {@code excludeDocId}, from a random start, until
   * they reach {@code targetLength} tokens (or that document's stored sentences end); empty when no
   * other document is known yet.
   */
  Optional<Segment> draw(String excludeDocId, int targetLength, Random random);

  /**
   * Tokens of segment B and the document they came from.
   *
   * @param maskable whether masked-LM may choose B's tokens: not when B is text from outside the
   *     example's own split (an eval example borrowing B from training text)
   */
  record Segment(String docId, int[] tokens, boolean maskable) {

    public Segment(String docId, int[] tokens) {
      this(docId, tokens, true);
    }
  }
}
