package io.bertstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker killed without shutdown (kill -9) loses nothing it acknowledged. */
@Tag("slow")
class CrashRecoveryTest {

  @TempDir Path dataDir;

  @Test
  void shouldKeepAcknowledgedRecordsWhenTheBrokerProcessIsKilled() throws Exception {
    int count = 20;
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingBroker.class.getName(),
                dataDir.toString(),
                "crash",
                Integer.toString(count))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.equals("ready"));
      assertThat(line).as("the child broker's ready line").isEqualTo("ready");
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      assertThat(Records.consume(kafka.bootstrapServers(), "crash", count))
          .containsExactlyElementsOf(
              IntStream.range(0, count).mapToObj(i -> "record-" + i).toList());
    }
  }
}
