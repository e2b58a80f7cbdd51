package io.bertstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Serde throughput on a 128-token example, registry calls excluded (they happen once). Run with
 * {@code ./mvnw -B -q -pl schemas test -Pbenchmark}; writes {@code target/serde-benchmark.md}.
 */
@Tag("benchmark")
class SerdeBenchmarkTest {

  private static final int WARMUP = 50_000;
  private static final int ROUNDS = 200_000;

  @Test
  void shouldSerializeAndDeserializeWithoutRegistryCallsInSteadyState() throws IOException {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(1);
    SpecificAvroSerde<PretrainingExample> serde =
        SpecificAvroSerde.forValues(PretrainingExample.class, registry, SerdeConfig.DEFAULTS);
    List<Integer> ids = IntStream.range(0, 128).map(i -> 1000 + i * 37).boxed().toList();
    List<Integer> positions = IntStream.range(0, 20).map(i -> 1 + i * 6).boxed().toList();
    PretrainingExample example =
        PretrainingExample.newBuilder()
            .setId("doc-0000000000000001/17")
            .setDocId("doc-0000000000000001")
            .setBDocId("doc-0000000000000002")
            .setInputIds(ids)
            .setSegmentBStart(64)
            .setMaskedPositions(positions)
            .setMaskedLabels(positions)
            .setIsRandomNext(true)
            .setTokenizerId("3f1c0d5a9b")
            .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
            .build();

    run(serde, example, WARMUP);
    long serializeNanos = 0;
    long deserializeNanos = 0;
    int size = 0;
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      byte[] bytes = serde.serializer().serialize("bench", example);
      long middle = System.nanoTime();
      PretrainingExample read = serde.deserializer().deserialize("bench", bytes);
      long end = System.nanoTime();
      serializeNanos += middle - start;
      deserializeNanos += end - middle;
      size = bytes.length;
      if (read.getSegmentBStart() != 64) {
        throw new AssertionError("bad round trip");
      }
    }

    assertThat(registry.schemaByIdCalls).hasValue(1);
    String report =
        String.format(
            Locale.ROOT,
            "| record bytes | serialize ns/op | deserialize ns/op | round trips/s |%n"
                + "|---|---|---|---|%n"
                + "| %d | %d | %d | %,d |%n",
            size,
            serializeNanos / ROUNDS,
            deserializeNanos / ROUNDS,
            (long) (ROUNDS / ((serializeNanos + deserializeNanos) / 1e9)));
    System.out.print(report);
    Files.writeString(Path.of("target", "serde-benchmark.md"), report);
  }

  private static void run(
      SpecificAvroSerde<PretrainingExample> serde, PretrainingExample example, int rounds) {
    for (int i = 0; i < rounds; i++) {
      serde.deserializer().deserialize("bench", serde.serializer().serialize("bench", example));
    }
  }
}
