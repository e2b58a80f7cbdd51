package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class QuickstartLogTest {

  @Test
  void shouldSendEveryEventToTheFileAndOnlyOurOwnWarningsToTheConsole(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("quickstart.log");
    List<String> console = new ArrayList<>();
    ch.qos.logback.classic.Logger root = root();
    List<String> before = appenderNames(root);

    try (QuickstartLog log =
        QuickstartLog.start(file, (level, text) -> console.add(level + " " + text))) {
      LoggerFactory.getLogger("kafka.server.ReplicaManager")
          .error("Error processing append operation on partition x-0");
      LoggerFactory.getLogger("org.apache.kafka.clients.producer.internals.Sender")
          .warn("Got error produce response, retrying");
      LoggerFactory.getLogger("io.bertstream.trainer.TrainingLoop").info("step 10 loss 7.1");
      Logger reader = LoggerFactory.getLogger("io.bertstream.trainer.input.ExampleReader");
      reader.warn("skipping record {}", "examples-0@5");
      reader.error("example reader failed", new IllegalStateException("broker gone"));
    }
    LoggerFactory.getLogger("io.bertstream.cli.After").warn("after the quickstart");

    assertThat(console)
        .containsExactly(
            "WARN ExampleReader: skipping record examples-0@5",
            "ERROR ExampleReader: example reader failed (java.lang.IllegalStateException: broker"
                + " gone; the stack trace is in the log)");
    String logged = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(logged)
        .containsPattern("ERROR \\[[^\\]]+\\] kafka.server.ReplicaManager Error processing append")
        .containsPattern(
            "WARN  \\[[^\\]]+\\] org.apache.kafka.clients.producer.internals.Sender Got error produce")
        .containsPattern("INFO  \\[[^\\]]+\\] io.bertstream.trainer.TrainingLoop step 10 loss 7.1")
        .contains("java.lang.IllegalStateException: broker gone")
        .doesNotContain("after the quickstart");
    assertThat(appenderNames(root)).as("the earlier appenders are back").isEqualTo(before);
  }

  private static ch.qos.logback.classic.Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory())
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static List<String> appenderNames(ch.qos.logback.classic.Logger root) {
    List<String> names = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(appender -> names.add(appender.getName()));
    return names;
  }
}
