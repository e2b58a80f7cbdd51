package io.bertstream.stream;

import io.bertstream.stream.recipe.Seeds;

/**
 * Sends a fixed share of documents to evaluation by a hash of their id, so a document is either
 * always held out or never, whatever the seed, replica or run.
 */
public record EvalSplit(double fraction) {

  private static final Seeds HASH = new Seeds(0L);

  public boolean isEval(String docId) {
    return fraction > 0 && HASH.unitHash(docId, "eval") < fraction;
  }
}
