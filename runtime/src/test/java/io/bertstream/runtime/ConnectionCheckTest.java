package io.bertstream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionCheckTest {

  /** A loopback port nothing listens on (it was free a moment ago). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void shouldLeaveAClusterThatIsDownToTheServicesWithoutWaitingForIt() throws IOException {
    KafkaConnection down =
        KafkaConnection.of("127.0.0.1:" + closedPort(), "http://127.0.0.1:" + closedPort());

    long started = System.nanoTime();
    ConnectionCheck.run(down);

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("no wait for an answer that cannot come")
        .isLessThan(ConnectionCheck.KAFKA_ANSWER);
  }
}
