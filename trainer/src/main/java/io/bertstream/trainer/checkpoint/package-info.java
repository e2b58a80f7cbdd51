/**
 * What makes a run resumable at any instant: checkpoint directories written atomically ({@link
 * io.bertstream.trainer.checkpoint.CheckpointStore}), their files and parameter encoding, the step
 * journals ({@code ledger.jsonl}, {@code metrics.jsonl}), the order of journal sync, checkpoint and
 * offset commit ({@link io.bertstream.trainer.checkpoint.CheckpointProtocol}), and the checks
 * before continuing from a checkpoint.
 */
package io.bertstream.trainer.checkpoint;
