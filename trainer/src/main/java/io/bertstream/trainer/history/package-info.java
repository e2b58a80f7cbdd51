/**
 * A run's history, read from the journals of its checkpoint directory ({@code ledger.jsonl}, {@code
 * steps.jsonl}, {@code metrics.jsonl}, {@code checkpoints.jsonl}) and so the same after any
 * restart: the model the live dashboard ({@link io.bertstream.trainer.dashboard}) and {@code
 * bertstream report} draw, with the optional baseline and the smoothing they share.
 */
package io.bertstream.trainer.history;
