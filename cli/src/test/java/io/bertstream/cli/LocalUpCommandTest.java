package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bertstream local up} as users run it: a separate process, stopped by a signal. */
class LocalUpCommandTest {

  private static final int SIGTERM_EXIT = 143;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  @Test
  void shouldKeepRecordsAndSchemaIdsAcrossASigtermAndARestart(@TempDir Path dataDir)
      throws Exception {
    String schemaId;
    try (LocalUp first = LocalUp.start(dataDir)) {
      try (KafkaProducer<String, String> producer = producer(first.bootstrapServers)) {
        producer.send(new ProducerRecord<>("bertstream.docs", "doc-1", "kept")).get();
      }
      schemaId = register(first.registryUrl);
      // 143 = 128 + SIGTERM: the JVM's status after its shutdown hooks ran to completion.
      assertThat(first.stop()).as("exit status after SIGTERM").isEqualTo(SIGTERM_EXIT);
    }

    try (LocalUp second = LocalUp.start(dataDir)) {
      assertThat(register(second.registryUrl)).isEqualTo(schemaId);
      assertThat(readAll(second.bootstrapServers, "bertstream.docs"))
          .extracting(ConsumerRecord::value)
          .containsExactly("kept");
      assertThat(second.stop()).isEqualTo(SIGTERM_EXIT);
    }
  }

  private static String register(String registryUrl) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(registryUrl + "/subjects/probe-value/versions"))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}"))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static KafkaProducer<String, String> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  private static List<ConsumerRecord<String, String>> readAll(
      String bootstrapServers, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "local-up-test");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  /** A child JVM running the command, with the addresses it printed. */
  private record LocalUp(Process process, String bootstrapServers, String registryUrl)
      implements AutoCloseable {

    static LocalUp start(Path dataDir) throws Exception {
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx1g",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Bertstream.class.getName(),
                  "local",
                  "up",
                  "--data-dir",
                  dataDir.toString(),
                  "--kafka-port",
                  "0",
                  "--registry-port",
                  "0",
                  "--partitions",
                  "2")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      // Reading blocks until the child prints; the process timeout bounds a hung start.
      Thread watchdog =
          new Thread(
              () -> {
                try {
                  if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      watchdog.setDaemon(true);
      watchdog.start();
      // The test classpath holds several logback-test.xml files, and logback says so on stdout.
      String kafka = out.readLine();
      while (kafka != null && !kafka.startsWith("kafka: ")) {
        kafka = out.readLine();
      }
      String registry = out.readLine();
      assertThat(kafka).startsWith("kafka: 127.0.0.1:");
      assertThat(registry).startsWith("schema-registry: http://127.0.0.1:");
      return new LocalUp(
          process,
          kafka.substring("kafka: ".length()),
          registry.substring("schema-registry: ".length()));
    }

    /** SIGTERM, then the exit status. */
    int stop() throws InterruptedException {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s").isTrue();
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
