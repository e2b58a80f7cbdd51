package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What remembering documents costs: the {@value RememberProcessor#STORE} store (RocksDB with Kafka
 * Streams' defaults, as the topology builds it) after {@code bench.documents} new documents (1
 * million unless told), each looked up and then stored as the stream does, with a commit (which
 * flushes RocksDB) every {@code bench.commit.every} documents. Reports the files on disk, RocksDB's
 * own memory figures, and the changelog's size after compaction (one record per document). Run:
 *
 * <pre>
 * ./mvnw -B -pl tokenizer-stream -am test -Pbenchmark -Dtest=RememberedDocumentsBenchmark
 * </pre>
 */
@Tag("benchmark")
class RememberedDocumentsBenchmark {

  private static final long DOCUMENTS = Long.getLong("bench.documents", 1_000_000L);
  private static final long COMMIT_EVERY = Long.getLong("bench.commit.every", 1_000L);
  private static final double MIB = 1024.0 * 1024.0;

  /** Kafka's record overhead in a batch, beyond key and value: attributes, deltas, lengths. */
  private static final int RECORD_OVERHEAD_BYTES = 10;

  @TempDir Path dir;

  private record Row(
      String ids,
      int keyBytes,
      double seconds,
      long diskBytes,
      int files,
      long memtableBytes,
      long tableReaderBytes,
      long blockCacheBytes,
      long estimatedKeys,
      long changelogBytes) {}

  @Test
  void measureMemoryAndDiskPerMillionRememberedDocuments() {
    List<Row> rows = new ArrayList<>();
    // Ids the ingestor gives documents without their own: SHA-256 of the text, 64 hex digits.
    rows.add(run("content hash (64 hex)", n -> String.format(Locale.ROOT, "%064x", mix(n))));
    // Ids a source gives, e.g. a corpus file and line.
    rows.add(
        run(
            "source id (24 chars)",
            n -> String.format(Locale.ROOT, "mail/2024-%02d/msg-%07d", n % 12 + 1, n)));

    double perMillion = 1_000_000.0 / DOCUMENTS;
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%,d documents, a commit (RocksDB flush) every %,d. Disk, index+filter and the changelog"
                + " are per million documents; memtables (their peak between two commits) and the"
                + " block cache (at most 50 MiB a store, Streams' default) do not grow with them.%n%n",
            DOCUMENTS,
            COMMIT_EVERY));
    table.append(
        "| ids | key bytes | RocksDB on disk MiB | SST files | memtables peak MiB"
            + " | index+filter MiB | block cache MiB | changelog after compaction MiB (computed)"
            + " | seconds |\n");
    table.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f | %d | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
              row.ids(),
              row.keyBytes(),
              row.diskBytes() * perMillion / MIB,
              row.files(),
              row.memtableBytes() / MIB,
              row.tableReaderBytes() * perMillion / MIB,
              row.blockCacheBytes() / MIB,
              row.changelogBytes() * perMillion / MIB,
              row.seconds() * perMillion));
    }
    System.out.println(table);
    try {
      Files.writeString(Path.of("target", "remembered-documents-benchmark.md"), table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(rows).allSatisfy(row -> assertThat(row.estimatedKeys()).isPositive());
  }

  private Row run(String name, LongFunction<String> ids) {
    Path stateDir = dir.resolve("state-" + Math.abs(name.hashCode()));
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "remembered-benchmark");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    MockProcessorContext<Object, Object> context =
        new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
    KeyValueStore<String, SeenDocument> store =
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(RememberProcessor.STORE),
                Serdes.String(),
                new SeenDocumentSerde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    Map<MetricName, ? extends Metric> metrics = context.metrics().metrics();
    long keyBytes = 0;
    long peakMemtables = 0;
    long started = System.nanoTime();
    try {
      for (long n = 0; n < DOCUMENTS; n++) {
        String id = ids.apply(n);
        keyBytes += id.length();
        SeenDocument known = store.get(id);
        if (known != null) {
          throw new AssertionError("ids must be distinct: " + id);
        }
        store.put(id, new SeenDocument(SeenDocument.hash(id), 1));
        if ((n + 1) % COMMIT_EVERY == 0) {
          peakMemtables = Math.max(peakMemtables, metric(metrics, "size-all-mem-tables"));
          store.flush();
        }
      }
      store.flush();
      double seconds = (System.nanoTime() - started) / 1e9;
      long changelog =
          keyBytes + DOCUMENTS * (SeenDocumentSerde.SIZE + (long) RECORD_OVERHEAD_BYTES);
      return new Row(
          name,
          (int) (keyBytes / DOCUMENTS),
          seconds,
          sizeOf(stateDir),
          countSst(stateDir),
          peakMemtables,
          metric(metrics, "estimate-table-readers-mem"),
          metric(metrics, "block-cache-usage"),
          metric(metrics, "estimate-num-keys"),
          changelog);
    } finally {
      store.close();
    }
  }

  /** A document number scrambled, so hash-like ids arrive in random order as real ones do. */
  private static long mix(long n) {
    long z = n + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long metric(Map<MetricName, ? extends Metric> metrics, String name) {
    return metrics.entrySet().stream()
        .filter(e -> e.getKey().name().equals(name))
        .map(e -> e.getValue().metricValue())
        .filter(Number.class::isInstance)
        .mapToLong(v -> ((Number) v).longValue())
        .findFirst()
        .orElse(-1L);
  }

  private static long sizeOf(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(RememberedDocumentsBenchmark::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int countSst(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return (int) files.filter(p -> p.toString().endsWith(".sst")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
