package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.schemas.registry.SchemaRegistryException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamFailureHandlerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());

  private static StreamsException failedOn(SchemaRegistryException registry) {
    return new StreamsException("Exception caught in process", new StreamsException(registry));
  }

  private double waiting() {
    return metrics.registry().get("bertstream.tokenize.registry.waiting").gauge().value();
  }

  /** A registry that stays down until {@link #comeBack()}, counting the probes it gets. */
  private static final class FlakyRegistry implements BooleanSupplier {
    final AtomicInteger probes = new AtomicInteger();
    final CountDownLatch probed = new CountDownLatch(1);
    volatile boolean up;

    @Override
    public boolean getAsBoolean() {
      probes.incrementAndGet();
      probed.countDown();
      return up;
    }

    void comeBack() {
      up = true;
    }
  }

  @Test
  void shouldWaitForTheRegistryAndThenReplaceTheThread() throws Exception {
    FlakyRegistry registry = new FlakyRegistry();
    try (RegistryOutage outage =
        new RegistryOutage(registry, metrics, Duration.ofMillis(1), Duration.ofMillis(20))) {
      StreamFailureHandler handler = new StreamFailureHandler(outage);
      CompletableFuture<StreamThreadExceptionResponse> response =
          CompletableFuture.supplyAsync(
              () -> handler.handle(failedOn(new SchemaRegistryException(0, 0, "unreachable"))));

      assertThat(registry.probed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(outage.active()).isTrue();
      assertThat(waiting()).isEqualTo(1.0);
      assertThat(response).isNotDone();
      registry.comeBack();

      assertThat(response.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      assertThat(outage.active()).isFalse();
      assertThat(waiting()).isZero();
      assertThat(metrics.registryOutages()).isEqualTo(1);
    }
  }

  @Test
  void shouldCountOneOutageWhenSeveralThreadsWaitForIt() throws Exception {
    FlakyRegistry registry = new FlakyRegistry();
    try (RegistryOutage outage =
        new RegistryOutage(registry, metrics, Duration.ofMillis(1), Duration.ofMillis(5))) {
      StreamFailureHandler handler = new StreamFailureHandler(outage);
      SchemaRegistryException down = new SchemaRegistryException(503, 503, "unavailable");
      CompletableFuture<StreamThreadExceptionResponse> first =
          CompletableFuture.supplyAsync(() -> handler.handle(failedOn(down)));
      CompletableFuture<StreamThreadExceptionResponse> second =
          CompletableFuture.supplyAsync(() -> handler.handle(failedOn(down)));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (waiting() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(waiting()).isEqualTo(2.0);
      registry.comeBack();

      assertThat(first.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      assertThat(second.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      assertThat(metrics.registryOutages()).isEqualTo(1);
    }
  }

  @Test
  void shouldReleaseAWaitingThreadWhenTheInstanceCloses() throws Exception {
    FlakyRegistry registry = new FlakyRegistry();
    RegistryOutage outage =
        new RegistryOutage(registry, metrics, Duration.ofMillis(1), Duration.ofMillis(5));
    StreamFailureHandler handler = new StreamFailureHandler(outage);
    CompletableFuture<StreamThreadExceptionResponse> response =
        CompletableFuture.supplyAsync(
            () -> handler.handle(failedOn(new SchemaRegistryException(0, 0, "unreachable"))));
    assertThat(registry.probed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    outage.close();

    assertThat(response.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(outage.active()).isFalse();
  }

  @Test
  void shouldShutDownOnARegistryThatRefusesOrAnyOtherFailure() {
    FlakyRegistry registry = new FlakyRegistry();
    try (RegistryOutage outage = new RegistryOutage(registry, metrics)) {
      StreamFailureHandler handler = new StreamFailureHandler(outage);

      assertThat(handler.handle(failedOn(new SchemaRegistryException(401, 401, "unauthorized"))))
          .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
      assertThat(handler.handle(new StreamsException(new IllegalStateException("disk full"))))
          .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
      assertThat(registry.probes).hasValue(0);
      assertThat(metrics.registryOutages()).isZero();
    }
  }

  @Test
  void shouldShutDownOnAFailedTlsHandshakeRatherThanWaitForIt() {
    FlakyRegistry registry = new FlakyRegistry();
    try (RegistryOutage outage = new RegistryOutage(registry, metrics)) {
      StreamFailureHandler handler = new StreamFailureHandler(outage);
      SchemaRegistryException handshake =
          new SchemaRegistryException(
              0, 0, "TLS failed", new SSLHandshakeException("PKIX path building failed"));

      assertThat(handler.handle(failedOn(handshake)))
          .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
      assertThat(registry.probes).hasValue(0);
      assertThat(metrics.registryOutages()).isZero();
    }
  }
}
