package io.bertstream.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.ingestor.publish.ProducerSettings;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MB/s of {@code bertstream ingest corpora/sotu.jsonl.gz} into the embedded broker next to a raw
 * {@code KafkaProducer<String, byte[]>} sending the same uncompressed JSON lines (same keys, same
 * producer settings: acks=all, idempotence, zstd, linger, batch size) in the same run. Rounds
 * alternate; the median of each is reported. Run: {@code ./mvnw -B -o verify -Pbenchmark -pl
 * ingestor -am -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class IngestBenchmark {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final int ROUNDS = 5;

  @Test
  void ingestThroughputAgainstARawProducer() throws IOException {
    Path corpus = IngestIntegrationTest.SOTU;
    List<String> keys = new ArrayList<>();
    List<byte[]> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        keys.add(json.readTree(line).get("id").asText());
        lines.add((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    long bytes = lines.stream().mapToLong(l -> l.length).sum();
    KafkaConnection ingestTo = STACK.connection("bench-ingest");
    KafkaConnection rawTo = STACK.connection("bench-raw");

    double[] ingest = new double[ROUNDS];
    double[] raw = new double[ROUNDS];
    // Round 0 warms up both paths (JIT, metadata, schema registration) and is not counted.
    for (int round = -1; round < ROUNDS; round++) {
      long start = System.nanoTime();
      IngestResult result =
          KafkaIngest.ingest(
              IngestConfig.of(List.of(corpus.toString())),
              ingestTo,
              new ByteArrayInputStream(new byte[0]));
      double ingestSeconds = (System.nanoTime() - start) / 1e9;
      assertThat(result.published()).isEqualTo(233);

      start = System.nanoTime();
      rawProduce(rawTo, keys, lines);
      double rawSeconds = (System.nanoTime() - start) / 1e9;
      if (round >= 0) {
        ingest[round] = bytes / 1e6 / ingestSeconds;
        raw[round] = bytes / 1e6 / rawSeconds;
      }
    }
    // The same pipeline, Avro encoding included, into a producer that keeps nothing.
    double[] pipeline = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      pipelineOnly(
          corpus, io.bertstream.runtime.Topics.create(ingestTo).docs().valueSerde().serializer());
      pipeline[round] = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }
    Arrays.sort(pipeline);
    // What every run pays for: registry client, schema id, producer metadata, close.
    Path empty = Files.createTempFile("one", ".jsonl");
    Files.writeString(empty, "{\"id\":\"one\",\"text\":\"one tiny document\"}\n");
    long fixedStart = System.nanoTime();
    KafkaIngest.ingest(
        IngestConfig.of(List.of(empty.toString())),
        ingestTo,
        new ByteArrayInputStream(new byte[0]));
    double fixedSeconds = (System.nanoTime() - fixedStart) / 1e9;
    Files.delete(empty);
    Arrays.sort(ingest);
    Arrays.sort(raw);
    double ingestMedian = ingest[ROUNDS / 2];
    double rawMedian = raw[ROUNDS / 2];
    String report =
        String.format(
            Locale.ROOT,
            "SOTU %.1f MB uncompressed, %d rounds: ingest %.1f MB/s (min %.1f, max %.1f),"
                + " raw producer %.1f MB/s (min %.1f, max %.1f), ratio %.2f;"
                + " pipeline without Kafka %.1f MB/s; fixed cost of a run %.2f s; %d cores",
            bytes / 1e6,
            ROUNDS,
            ingestMedian,
            ingest[0],
            ingest[ROUNDS - 1],
            rawMedian,
            raw[0],
            raw[ROUNDS - 1],
            ingestMedian / rawMedian,
            pipeline[ROUNDS / 2],
            fixedSeconds,
            Runtime.getRuntime().availableProcessors());
    System.out.println(report);
    Files.writeString(Path.of("target", "ingest-benchmark.txt"), report + "\n");
  }

  private static void pipelineOnly(
      Path corpus,
      org.apache.kafka.common.serialization.Serializer<io.bertstream.avro.RawDocument> avro) {
    org.apache.kafka.clients.producer.MockProducer<String, io.bertstream.avro.RawDocument> docs =
        new org.apache.kafka.clients.producer.MockProducer<>(
            true, null, new StringSerializer(), avro);
    org.apache.kafka.clients.producer.MockProducer<String, byte[]> dlq =
        new org.apache.kafka.clients.producer.MockProducer<>(
            true, null, new StringSerializer(), new ByteArraySerializer());
    io.bertstream.ingestor.publish.IngestMetrics metrics =
        new io.bertstream.ingestor.publish.IngestMetrics(
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    IngestResult result =
        new Ingestor(
                IngestConfig.of(List.of(corpus.toString())),
                new io.bertstream.ingestor.publish.DocumentPublisher(
                    docs, dlq, "bench-ingest.docs", "d.dlq", 1024, metrics),
                metrics,
                java.time.Clock.systemUTC())
            .run(
                new ByteArrayInputStream(new byte[0]),
                io.bertstream.runtime.Progress.logging(
                    "bench", java.time.Duration.ofHours(1), java.time.Clock.systemUTC()));
    assertThat(result.published()).isEqualTo(233);
  }

  private static void rawProduce(
      KafkaConnection connection, List<String> keys, List<byte[]> lines) {
    String topic = connection.topics().docs();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            ProducerSettings.apply(
                connection.clientConfig(), "bench-raw", DocumentRules.DEFAULT_MAX_DOC_BYTES, 20),
            new StringSerializer(),
            new ByteArraySerializer())) {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        acks.add(producer.send(new ProducerRecord<>(topic, keys.get(i), lines.get(i))));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> ack : acks) {
        try {
          ack.get();
        } catch (Exception e) {
          throw new AssertionError("raw send failed", e);
        }
      }
    }
  }
}
