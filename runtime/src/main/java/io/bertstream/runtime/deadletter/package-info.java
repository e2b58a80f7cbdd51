/**
 * The dead-letter contract every service follows: the header names a record on {@code
 * <prefix>.docs.dlq} carries ({@link io.bertstream.runtime.deadletter.DeadLetter}), the one
 * vocabulary of reasons with their wire codes ({@link
 * io.bertstream.runtime.deadletter.DeadLetterReason}), the stages that raise them ({@link
 * io.bertstream.runtime.deadletter.DeadLetterStage}) and the counter that counts them ({@link
 * io.bertstream.runtime.deadletter.DeadLetterMetrics}). Services build their records here and never
 * spell a header or a code themselves.
 */
package io.bertstream.runtime.deadletter;
