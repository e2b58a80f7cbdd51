package io.bertstream.tokenizer.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.tokenizer.BertTokenizer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seconds and peak heap to train on the full SOTU corpus, and UNK rate and fertility on held-out
 * addresses for a vocabulary trained on the other 90%. Writes {@code target/vocab-benchmark.md}.
 * Run: {@code ./mvnw -B -q -pl tokenizer -am test -Pbenchmark}.
 */
@Tag("benchmark")
class VocabTrainingBenchmarkTest {

  private static final List<Integer> SIZES = List.of(8000, 30522);

  @TempDir Path dir;

  @Test
  void trainOnSotu() throws Exception {
    Optional<Path> sotu = SotuCorpus.locate();
    assertThat(sotu).as("the SOTU corpus (-Dbertstream.sotu)").isPresent();
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "cores: %d, max heap: %d MiB, java %s%n%n",
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20,
            System.getProperty("java.version")));
    report.append(
        "| target | tokens | words | distinct | count s | merge s | total s | peak heap MiB |\n");
    report.append("|---|---|---|---|---|---|---|---|\n");
    TextCorpus all = SotuCorpus.corpus(sotu.get());
    train(all, 8000, dir.resolve("warmup.json"));
    for (int size : SIZES) {
      resetPeaks();
      long start = System.nanoTime();
      VocabTrainingResult result = train(all, size, dir.resolve(size + ".json"));
      double seconds = (System.nanoTime() - start) / 1e9;
      report.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %,d | %,d | %.1f | %.1f | %.1f | %d |%n",
              size,
              result.vocabSize(),
              result.words(),
              result.wordTypes(),
              result.counting().toMillis() / 1000.0,
              result.merging().toMillis() / 1000.0,
              seconds,
              peakHeapBytes() >> 20));
      assertThat(result.vocabSize()).isPositive();
    }

    SotuCorpus.Split split = SotuCorpus.split(sotu.get(), 10);
    report.append(
        String.format(
            Locale.ROOT,
            "%nheld out: every 10th address (%d), trained on the other %s%n%n",
            split.heldOut().size(),
            "90%"));
    report.append("| target | tokens | UNK rate | fertility (pieces per whitespace word) |\n");
    report.append("|---|---|---|---|\n");
    for (int size : SIZES) {
      VocabTrainingResult result =
          train(TextCorpus.of(split.train()), size, dir.resolve("h" + size + ".json"));
      try (BertTokenizer tokenizer = BertTokenizer.load(result.tokenizerJson())) {
        HeldOutStats stats = HeldOutStats.measure(tokenizer, split.heldOut());
        report.append(
            String.format(
                Locale.ROOT,
                "| %d | %d | %.4f%% (%d of %,d) | %.3f |%n",
                size,
                result.vocabSize(),
                100 * stats.unknownRate(),
                stats.unknown(),
                stats.pieces(),
                stats.fertility()));
      }
    }
    System.out.println(report);
    Files.writeString(Path.of("target", "vocab-benchmark.md"), report, StandardCharsets.UTF_8);
  }

  private static VocabTrainingResult train(TextCorpus corpus, int size, Path out) throws Exception {
    return VocabTraining.run(new VocabTrainingConfig(size, 2, false, 1000, out), List.of(corpus));
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** Sum of the heap pools' peaks: an upper bound on the peak of the whole heap. */
  private static long peakHeapBytes() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed())
        .sum();
  }
}
