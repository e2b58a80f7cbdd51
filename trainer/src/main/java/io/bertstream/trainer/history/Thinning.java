package io.bertstream.trainer.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Which points of a long curve to draw: every n-th and the newest, at most a given number. A run of
 * days has hundreds of thousands of steps; a chart a few thousand pixels wide shows no more.
 */
public final class Thinning {

  private Thinning() {}

  /** Indices of every n-th of {@code size} points and the last, at most {@code max} of them. */
  public static List<Integer> indices(int size, int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must be >= 2, got " + max);
    }
    int stride = Math.max(1, (size + max - 2) / (max - 1));
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < size; i += stride) {
      kept.add(i);
    }
    if (size > 0 && kept.get(kept.size() - 1) != size - 1) {
      kept.add(size - 1);
    }
    return kept;
  }
}
