/**
 * From the examples topic to batches, deterministically: assigned partitions read from a stored
 * position, round-robin composition, validation, padding, the fixed evaluation sample, and the
 * offset commits that report progress to the consumer group.
 */
package io.bertstream.trainer.input;
