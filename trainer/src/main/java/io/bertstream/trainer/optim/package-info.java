/**
 * A checkpointable AdamW (state keyed by parameter name), global-norm gradient clipping and the
 * learning-rate schedule, a pure function of the step so that resumed runs continue exactly; {@link
 * io.bertstream.trainer.optim.Schedules} builds them from a run's settings.
 */
package io.bertstream.trainer.optim;
