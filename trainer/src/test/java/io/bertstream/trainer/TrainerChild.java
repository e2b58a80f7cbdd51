package io.bertstream.trainer;

import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A training run in its own JVM, for tests that kill it. Arguments: bootstrap servers, registry
 * URL, topic prefix, vocab file, checkpoint dir, max steps (0 = unbounded), and a kill point:
 *
 * <ul>
 *   <li>{@code none};
 *   <li>{@code halt-after-step:N}: after step N is trained and in the ledger;
 *   <li>{@code halt-after-file:N:NAME}: inside the checkpoint write of step N, once its file NAME
 *       is synced in the temporary directory ({@code manifest.json} is the last, before the
 *       rename);
 *   <li>{@code halt-after-checkpoint:N}: the checkpoint of step N is complete, its offsets are not
 *       committed;
 *   <li>{@code halt-after-commit:N}: the checkpoint's offsets are committed;
 *   <li>{@code block-after-step:N}: waits after step N for the parent to kill it.
 * </ul>
 *
 * The halts are {@code Runtime.halt}, as abrupt as SIGKILL: no shutdown hook, no final checkpoint.
 * After each step the child prints {@value #TRAINED} and the step, which the parent watches.
 */
public final class TrainerChild {

  /** What the child prints after each step, followed by the step number. */
  static final String TRAINED = "trained step ";

  private static final int HALTED = 137;

  private TrainerChild() {}

  public static void main(String[] args) throws Exception {
    KafkaConnection connection =
        new KafkaConnection(args[0], args[1], new TopicNames(args[2]), Map.of());
    long maxSteps = Long.parseLong(args[5]);
    TrainerConfig config =
        TestRuns.config(connection, Path.of(args[3]), Path.of(args[4]), maxSteps)
            .idleTimeout(maxSteps > 0 ? Duration.ofSeconds(60) : null)
            .build();
    TrainResult result = new TrainerService().run(config, new KillPoint(args[6]));
    System.out.println("finished at step " + result.step());
  }

  /** Halts or blocks the JVM at one point of the run. */
  private static final class KillPoint implements TrainingListener {

    private final String kind;
    private final long step;
    private final String file;

    KillPoint(String spec) {
      String[] parts = spec.split(":");
      this.kind = parts[0];
      this.step = parts.length > 1 ? Long.parseLong(parts[1]) : -1;
      this.file = parts.length > 2 ? parts[2] : null;
    }

    @Override
    public void stepTrained(long trained) {
      System.out.println(TRAINED + trained);
      System.out.flush();
      if (trained == step && kind.equals("halt-after-step")) {
        Runtime.getRuntime().halt(HALTED);
      }
      if (trained == step && kind.equals("block-after-step")) {
        System.out.println("blocked at step " + trained);
        System.out.flush();
        awaitKill();
      }
    }

    @Override
    public void checkpointFileWritten(long checkpointed, String name) {
      if (checkpointed == step && kind.equals("halt-after-file") && name.equals(file)) {
        Runtime.getRuntime().halt(HALTED);
      }
    }

    @Override
    public void checkpointWritten(long checkpointed) {
      if (checkpointed == step && kind.equals("halt-after-checkpoint")) {
        Runtime.getRuntime().halt(HALTED);
      }
    }

    @Override
    public void offsetsCommitted(long checkpointed) {
      if (checkpointed == step && kind.equals("halt-after-commit")) {
        Runtime.getRuntime().halt(HALTED);
      }
    }

    private static void awaitKill() {
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
