/**
 * From the examples topic to batches, deterministically: assigned partitions read from a stored
 * position (pass, offsets, cursor), round-robin composition, validation, padding, the evaluation
 * samples of the eval topic, and the offset commits that report progress to the consumer group.
 */
package io.bertstream.trainer.input;
