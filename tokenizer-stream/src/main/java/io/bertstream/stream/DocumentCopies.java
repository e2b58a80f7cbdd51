package io.bertstream.stream;

/**
 * The differently masked copies of a document version that {@code --dupe-factor} asks for, the
 * original recipe's {@code dupe_factor}: each copy runs the whole recipe again with its own seed
 * key, so its packing, random B choices and masking differ from the other copies' while staying
 * deterministic.
 *
 * <p>Copy 0 keeps the version's label, so a dupe factor of 1 writes exactly what the stream wrote
 * before copies existed, and raising it only adds examples. Copy {@code d > 0} is labelled {@code
 * <label>#<d>}: the prefix of its example ids ({@code <label>#<d>/<n>}) and the key of its random
 * choices. Held-out documents get one copy whatever the factor: evaluation reads each held-out text
 * once.
 */
record DocumentCopies(int dupeFactor) {

  DocumentCopies {
    if (dupeFactor < 1) {
      throw new IllegalArgumentException("dupe-factor must be at least 1: " + dupeFactor);
    }
  }

  /** How many copies a document gets: {@link #dupeFactor} for training, one for evaluation. */
  int count(boolean eval) {
    return eval ? 1 : dupeFactor;
  }

  /** {@code label} for copy 0, {@code label#<copy>} after. */
  static String label(String label, int copy) {
    if (copy < 0) {
      throw new IllegalArgumentException("copies start at 0: " + copy);
    }
    return copy == 0 ? label : label + "#" + copy;
  }
}
