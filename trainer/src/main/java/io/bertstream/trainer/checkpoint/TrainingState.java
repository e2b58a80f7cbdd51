package io.bertstream.trainer.checkpoint;

import java.io.IOException;
import java.io.OutputStream;

/** The arrays a checkpoint stores: the model's parameters and the optimizer's state. */
public interface TrainingState {

  /** Writes the parameters as safetensors ({@link CheckpointFiles#MODEL}). */
  void writeParameters(OutputStream out) throws IOException;

  /** Writes the optimizer's state as safetensors ({@link CheckpointFiles#OPTIMIZER}). */
  void writeOptimizerState(OutputStream out) throws IOException;
}
