package io.bertstream.trainer.checkpoint;

/** A line of a {@link StepJournal}: it belongs to the state after optimizer step {@link #step}. */
public interface JournalEntry {

  long step();
}
