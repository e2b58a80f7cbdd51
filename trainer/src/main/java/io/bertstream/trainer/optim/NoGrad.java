package io.bertstream.trainer.optim;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off for a scope and restores it after. Grad mode is
 * thread-local and on by default in every new thread, and DJL's gradient collector only turns it
 * back off where it found it off; so a trainer running on a fresh thread would otherwise update its
 * leaf parameters in place with recording on, which PyTorch refuses.
 */
final class NoGrad implements AutoCloseable {

  private final boolean previous;

  private NoGrad() {
    previous = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
  }

  static NoGrad enter() {
    return new NoGrad();
  }

  @Override
  public void close() {
    JniUtils.setGradMode(previous);
  }
}
