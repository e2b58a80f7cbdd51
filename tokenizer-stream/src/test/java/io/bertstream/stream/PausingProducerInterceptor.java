package io.bertstream.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * In a {@link FaultChild}'s producer: once armed with N (the {@code arm} file of the control
 * directory), it stops the stream thread when the N-th example is about to be sent, waits until the
 * broker has acknowledged some of the N-1 before it, and reports them. The thread is then inside an
 * open transaction that has written records and cannot commit: the moment to SIGKILL the process or
 * to stop the broker. It goes on only when the {@code resume} file appears.
 */
public final class PausingProducerInterceptor implements ProducerInterceptor<byte[], byte[]> {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(20);

  private Path controlDir;
  private Set<String> exampleTopics = Set.of();
  private volatile int pauseAt = -1;
  private volatile int sentSinceArmed;
  private final Map<TopicPartition, Long> acked = new LinkedHashMap<>();

  @Override
  public void configure(Map<String, ?> configs) {
    controlDir = Path.of((String) configs.get(FaultChildProtocol.CONTROL_DIR));
    exampleTopics = Set.of(((String) configs.get(FaultChildProtocol.EXAMPLE_TOPICS)).split(","));
  }

  @Override
  public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
    if (!exampleTopics.contains(record.topic())) {
      return record;
    }
    if (pauseAt < 0) {
      pauseAt = armedWith();
      if (pauseAt < 0) {
        return record;
      }
    }
    sentSinceArmed++;
    if (sentSinceArmed == pauseAt) {
      pause();
    }
    return record;
  }

  /** N from the arm file, or -1 while there is none. */
  private int armedWith() {
    Path arm = FaultChildProtocol.arm(controlDir);
    try {
      if (!Files.exists(arm)) {
        return -1;
      }
      int n = Integer.parseInt(Files.readString(arm, StandardCharsets.UTF_8).strip());
      Files.move(arm, FaultChildProtocol.fired(controlDir));
      synchronized (this) {
        acked.clear();
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pause() {
    String report;
    synchronized (this) {
      Instant deadline = Instant.now().plus(ACK_TIMEOUT);
      while (acked.isEmpty() && Instant.now().isBefore(deadline)) {
        waitQuietly(this, POLL);
      }
      report = FaultChildProtocol.formatAcked(acked);
    }
    System.out.println(FaultChildProtocol.PAUSED + report);
    System.out.flush();
    Path resume = FaultChildProtocol.resume(controlDir);
    while (!Files.exists(resume)) {
      sleepQuietly(POLL);
    }
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    if (exception != null || metadata == null || !exampleTopics.contains(metadata.topic())) {
      return;
    }
    synchronized (this) {
      if (pauseAt > 0 && sentSinceArmed > 0) {
        acked.merge(
            new TopicPartition(metadata.topic(), metadata.partition()),
            metadata.offset(),
            Math::max);
        notifyAll();
      }
    }
  }

  @Override
  public void close() {}

  private static void waitQuietly(Object monitor, Duration timeout) {
    try {
      monitor.wait(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while paused", e);
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while paused", e);
    }
  }
}
