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
 * {@code none}, {@code halt-after-step:N} or {@code halt-after-checkpoint:N} (Runtime.halt, as
 * abrupt as SIGKILL), or {@code block-after-step:N} (waits there for the parent to kill it).
 */
public final class TrainerChild {

  private TrainerChild() {}

  public static void main(String[] args) throws Exception {
    KafkaConnection connection =
        new KafkaConnection(args[0], args[1], new TopicNames(args[2]), Map.of());
    long maxSteps = Long.parseLong(args[5]);
    TrainerConfig config =
        TestRuns.config(connection, Path.of(args[3]), Path.of(args[4]), maxSteps)
            .idleTimeout(maxSteps > 0 ? Duration.ofSeconds(60) : null)
            .build();
    String[] kill = args[6].split(":");
    long at = kill.length > 1 ? Long.parseLong(kill[1]) : -1;
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void stepTrained(long step) {
            if (step == at && kill[0].equals("halt-after-step")) {
              Runtime.getRuntime().halt(137);
            }
            if (step == at && kill[0].equals("block-after-step")) {
              System.out.println("blocked at step " + step);
              System.out.flush();
              awaitKill();
            }
          }

          @Override
          public void checkpointWritten(long step) {
            if (step == at && kill[0].equals("halt-after-checkpoint")) {
              Runtime.getRuntime().halt(137);
            }
          }
        };
    TrainResult result = new TrainerService().run(config, listener);
    System.out.println("finished at step " + result.step());
  }

  private static void awaitKill() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
