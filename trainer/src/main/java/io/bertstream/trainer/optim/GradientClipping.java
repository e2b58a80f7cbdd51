package io.bertstream.trainer.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Global-norm gradient clipping, as torch's {@code clip_grad_norm_} and BERT's recipe. */
public final class GradientClipping {

  /** Keeps the scale finite when every gradient is zero (torch uses the same 1e-6). */
  private static final float EPS = 1e-6f;

  private GradientClipping() {}

  /**
   * Scales all gradients in place by {@code min(1, maxNorm/(‖g‖ + 1e-6))}, where {@code ‖g‖} is the
   * L2 norm of all of them together. The scale stays on the device (no host sync).
   *
   * @param grads the gradients, modified in place
   * @param maxNorm the largest global norm allowed; ≤ 0 (or infinite) measures without clipping
   * @return the global norm before clipping, a scalar on the gradients' manager
   */
  public static NDArray clipGlobalNorm(List<NDArray> grads, double maxNorm) {
    if (grads.isEmpty()) {
      throw new IllegalArgumentException("no gradients");
    }
    NDArray sumSquares = null;
    for (NDArray g : grads) {
      try (NDArray sq = g.square()) {
        NDArray s = sq.sum();
        if (sumSquares == null) {
          sumSquares = s;
        } else {
          sumSquares.addi(s);
          s.close();
        }
      }
    }
    NDArray norm = sumSquares.sqrt();
    sumSquares.close();
    if (maxNorm > 0 && !Double.isInfinite(maxNorm)) {
      try (NDArray denom = norm.add(EPS);
          NDArray ratio = denom.getNDArrayInternal().rdiv((float) maxNorm);
          NDArray scale = ratio.minimum(1f)) {
        for (NDArray g : grads) {
          g.muli(scale);
        }
      }
    }
    return norm;
  }
}
