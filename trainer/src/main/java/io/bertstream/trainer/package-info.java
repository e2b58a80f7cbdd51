/**
 * Online BERT pretraining from the examples topic. {@link io.bertstream.trainer.TrainerService}
 * wires a run from its {@link io.bertstream.trainer.TrainerConfig}; {@link
 * io.bertstream.trainer.TrainingLoop} trains it step by step on a {@link
 * io.bertstream.trainer.TrainingSession} (model and optimizer on one device) and returns a {@link
 * io.bertstream.trainer.TrainResult}. The parts live in subpackages: {@code input} (reading and
 * batching examples), {@code model} (BERT), {@code optim} (AdamW and schedules), {@code checkpoint}
 * (checkpoints, the journals and the protocol that makes resume exact), {@code evaluation} and
 * {@code inference} (fill-mask on a saved checkpoint).
 */
package io.bertstream.trainer;
