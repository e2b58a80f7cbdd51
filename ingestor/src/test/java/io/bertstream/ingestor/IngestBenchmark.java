package io.bertstream.ingestor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bertstream.avro.RawDocument;
import io.bertstream.ingestor.publish.DocumentPublisher;
import io.bertstream.ingestor.publish.IngestMetrics;
import io.bertstream.ingestor.publish.ProducerSettings;
import io.bertstream.ingestor.source.ByteLineReader;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.Progress;
import io.bertstream.runtime.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MB/s of {@code bertstream ingest corpora/sotu.jsonl.gz} into the embedded broker next to a raw
 * {@code KafkaProducer<String, byte[]>} sending the same JSON lines with the same keys and producer
 * settings (acks=all, idempotence, zstd, linger, batch size), in the same JVM and run. The raw
 * producer runs twice: reading the same gzip file line by line (what any producer of that file
 * does, and the baseline of the target), and sending lines already in memory, uncompressed (the
 * floor: nothing but Kafka). Rounds alternate; medians are reported, with the process CPU time of
 * each kind of round (the broker's included). Run: {@code ./mvnw -B test -Pbenchmark -pl ingestor
 * -am -Dtest=IngestBenchmark}
 */
@Tag("benchmark")
class IngestBenchmark {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  private static final int ROUNDS = Integer.getInteger("bench.rounds", 9);

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Wall and process-CPU seconds of one round. */
  private record Round(double wallSeconds, double cpuSeconds) {}

  @Test
  void ingestThroughputAgainstARawProducer() throws Exception {
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
    double megabytes = lines.stream().mapToLong(l -> l.length).sum() / 1e6;
    KafkaConnection ingestTo = STACK.connection("bench-ingest");
    KafkaConnection rawTo = STACK.connection("bench-raw");
    IngestConfig config = IngestConfig.of(List.of(corpus.toString()));

    Round[] ingest = new Round[ROUNDS];
    Round[] rawFile = new Round[ROUNDS];
    Round[] raw = new Round[ROUNDS];
    Round[] pipeline = new Round[ROUNDS];
    // Round -1 warms up every path (JIT, metadata, schema registration) and is not counted.
    for (int round = -1; round < ROUNDS; round++) {
      Round i = timed(() -> assertThat(ingest(config, ingestTo).published()).isEqualTo(233));
      Round f = timed(() -> rawProduce(rawTo, keys, linesOf(corpus)));
      Round r = timed(() -> rawProduce(rawTo, keys, lines));
      Round p = timed(() -> pipelineOnly(config, ingestTo));
      if (round >= 0) {
        ingest[round] = i;
        rawFile[round] = f;
        raw[round] = r;
        pipeline[round] = p;
      }
    }
    // What every run pays for: registry client, schema id, producer metadata, close.
    Path one = Files.createTempFile("one", ".jsonl");
    Files.writeString(one, "{\"id\":\"one\",\"text\":\"one tiny document\"}\n");
    Round fixed = timed(() -> ingest(IngestConfig.of(List.of(one.toString())), ingestTo));
    Files.delete(one);
    Round rawFixed = timed(() -> rawProduce(rawTo, keys.subList(0, 1), List.of(new byte[20])));

    double ingestWall = median(ingest, Round::wallSeconds);
    String report =
        String.format(
            Locale.ROOT,
            "SOTU %.1f MB uncompressed, %d rounds, %d cores:%n%s%s%s"
                + "  ratio ingest / raw from the file:   %.2f%n"
                + "  ratio ingest / raw from memory:     %.2f%n"
                + "  pipeline without Kafka %.1f MB/s, %.2f CPU-s per round%n"
                + "  fixed cost of a run: ingest %.3f s, raw producer %.3f s%n",
            megabytes,
            ROUNDS,
            Runtime.getRuntime().availableProcessors(),
            line("ingest", megabytes, ingest),
            line("raw producer, from the file", megabytes, rawFile),
            line("raw producer, from memory", megabytes, raw),
            median(rawFile, Round::wallSeconds) / ingestWall,
            median(raw, Round::wallSeconds) / ingestWall,
            megabytes / median(pipeline, Round::wallSeconds),
            median(pipeline, Round::cpuSeconds),
            fixed.wallSeconds(),
            rawFixed.wallSeconds());
    System.out.print(report);
    Files.writeString(Path.of("target", "ingest-benchmark.txt"), report);
  }

  private static String line(String what, double megabytes, Round[] rounds) {
    return String.format(
        Locale.ROOT,
        "  %-28s %6.1f MB/s (min %.1f, max %.1f), %.2f CPU-s per round%n",
        what,
        megabytes / median(rounds, Round::wallSeconds),
        megabytes / max(rounds),
        megabytes / min(rounds),
        median(rounds, Round::cpuSeconds));
  }

  /** The file's lines as a plain producer of it reads them: gunzip, split, nothing parsed. */
  private static List<byte[]> linesOf(Path corpus) throws IOException {
    List<byte[]> lines = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(corpus), 64 * 1024)) {
      ByteLineReader reader = new ByteLineReader(in, Integer.MAX_VALUE);
      for (ByteLineReader.Line line = reader.next(); line != null; line = reader.next()) {
        byte[] bytes = Arrays.copyOf(line.bytes(), line.kept() + 1);
        bytes[line.kept()] = '\n';
        lines.add(bytes);
      }
    }
    return lines;
  }

  private static IngestResult ingest(IngestConfig config, KafkaConnection connection) {
    return KafkaIngest.ingest(config, connection, new ByteArrayInputStream(new byte[0]));
  }

  /** The same reading, normalizing and Avro encoding, into a producer that keeps nothing. */
  private static void pipelineOnly(IngestConfig config, KafkaConnection connection) {
    Serializer<RawDocument> avro = Topics.create(connection).docs().valueSerde().serializer();
    MockProducer<String, RawDocument> docs =
        new MockProducer<>(true, null, new StringSerializer(), avro);
    MockProducer<String, byte[]> dlq =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    DocumentPublisher publisher =
        new DocumentPublisher(docs, dlq, "bench.docs", "bench.docs.dlq", 1024, metrics);
    IngestResult result =
        new Ingestor(config, publisher, metrics, Clock.systemUTC())
            .run(
                new ByteArrayInputStream(new byte[0]),
                Progress.lines(
                    "bench",
                    Progress.Unit.BYTES,
                    Duration.ofHours(1),
                    Clock.systemUTC(),
                    line -> {}));
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
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        acks.add(producer.send(new ProducerRecord<>(topic, keys.get(i), lines.get(i))));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        try {
          ack.get();
        } catch (ExecutionException | InterruptedException e) {
          throw new AssertionError("raw send failed", e);
        }
      }
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static Round timed(Work work) throws Exception {
    long cpu = OS.getProcessCpuTime();
    long start = System.nanoTime();
    work.run();
    return new Round((System.nanoTime() - start) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
  }

  private static double median(Round[] rounds, java.util.function.ToDoubleFunction<Round> value) {
    double[] values = Arrays.stream(rounds).mapToDouble(value).sorted().toArray();
    return values[values.length / 2];
  }

  private static double min(Round[] rounds) {
    return Arrays.stream(rounds).mapToDouble(Round::wallSeconds).min().orElseThrow();
  }

  private static double max(Round[] rounds) {
    return Arrays.stream(rounds).mapToDouble(Round::wallSeconds).max().orElseThrow();
  }
}
