package io.bertstream.trainer.history;

/**
 * The smoothed loss curve: an exponential moving average over a span of steps, debiased at the
 * start as TensorBoard's smoothing is (so the first points are not pulled towards 0). Per-step
 * losses of small batches are noisy; the raw curve is drawn faintly behind this one.
 */
public final class Smoothing {

  /** Steps the average mostly spans: wide enough to calm batch noise, short to follow trends. */
  public static final int DEFAULT_SPAN = 50;

  private Smoothing() {}

  /**
   * {@code values} smoothed over about {@code span} values; a value that is not finite (a diverged
   * step) is left out of the average and is NaN in the result.
   */
  public static double[] ema(double[] values, int span) {
    if (span < 1) {
      throw new IllegalArgumentException("span must be >= 1, got " + span);
    }
    double keep = 1 - 2.0 / (span + 1);
    double[] smoothed = new double[values.length];
    double average = 0;
    double weight = 1;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        smoothed[i] = Double.NaN;
        continue;
      }
      average = keep * average + (1 - keep) * values[i];
      weight *= keep;
      smoothed[i] = average / (1 - weight);
    }
    return smoothed;
  }
}
