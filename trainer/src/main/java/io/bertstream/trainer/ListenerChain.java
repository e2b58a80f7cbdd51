package io.bertstream.trainer;

import io.bertstream.trainer.evaluation.EvalEntry;
import java.util.List;

/** Several listeners as one, each told of every event in the order given. */
final class ListenerChain implements TrainingListener {

  private final List<TrainingListener> listeners;

  private ListenerChain(List<TrainingListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static TrainingListener of(TrainingListener... listeners) {
    return new ListenerChain(List.of(listeners));
  }

  @Override
  public void stepTrained(long step) {
    listeners.forEach(l -> l.stepTrained(step));
  }

  @Override
  public void progressReported(StepReport report) {
    listeners.forEach(l -> l.progressReported(report));
  }

  @Override
  public void evaluated(EvalEntry entry) {
    listeners.forEach(l -> l.evaluated(entry));
  }

  @Override
  public void statusReported(RunStatus status) {
    listeners.forEach(l -> l.statusReported(status));
  }

  @Override
  public void checkpointStarting(long step) {
    listeners.forEach(l -> l.checkpointStarting(step));
  }

  @Override
  public void checkpointFileWritten(long step, String file) {
    listeners.forEach(l -> l.checkpointFileWritten(step, file));
  }

  @Override
  public void checkpointWritten(long step) {
    listeners.forEach(l -> l.checkpointWritten(step));
  }

  @Override
  public void offsetsCommitted(long step) {
    listeners.forEach(l -> l.offsetsCommitted(step));
  }
}
