/**
 * TensorBoard event files of a training run: {@link
 * io.bertstream.trainer.tensorboard.TensorBoardListener} writes the run's scalars (losses, learning
 * rate, gradient norm, throughput, evaluation scores) and the probes' top predictions as text,
 * through {@link io.bertstream.trainer.tensorboard.EventFileWriter}: TFRecord-framed {@code Event}
 * protocol buffers (compiled from {@code src/main/protobuf}), byte for byte what TensorBoard's own
 * writer produces for the same events.
 */
package io.bertstream.trainer.tensorboard;
