package io.bertstream.stream.recipe;

/**
 * Keeps next-sentence prediction at its configured ratio when a choice is forced: a chunk that
 * wants a random B while no other document is known yet becomes true-next, and a chunk that cannot
 * be split becomes random-next. The debt counts coin flips that said "random" minus random pairs
 * actually made; later chunks whose coin disagrees pay it back, so over the stream the share of
 * random-next pairs equals the coin's. Kept per partition in a state store.
 */
public final class NspBalance {

  private long debt;

  public NspBalance(long debt) {
    this.debt = debt;
  }

  /** Positive: random-next pairs owed; negative: true-next pairs owed. */
  public long debt() {
    return debt;
  }

  /** What to try for a chunk whose coin said {@code coinRandom}. */
  public boolean preferRandom(boolean coinRandom, boolean canTrueNext) {
    if (!coinRandom && debt > 0) {
      return true;
    }
    if (coinRandom && debt < 0 && canTrueNext) {
      return false;
    }
    return coinRandom;
  }

  /** Records what the coin said and what was made. */
  public void record(boolean coinRandom, boolean madeRandom) {
    debt += (coinRandom ? 1 : 0) - (madeRandom ? 1 : 0);
  }
}
