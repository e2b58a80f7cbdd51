package io.bertstream.trainer.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Import and export of HuggingFace BERT directories at real sizes (bert-base, 110 M parameters, and
 * bert-large, 335 M): time and peak memory of each operation in a fresh JVM with the default heap,
 * next to DJL's whole-file safetensors decoder. Every step runs in {@link ImportExportChild} and is
 * checked against per-tensor checksums, so nothing here can time a no-op.
 *
 * <p>Run with {@code -Pbenchmark -Dtest=HuggingFaceImportExportBenchmark}. Options: {@code
 * -Dbench.sizes=base,large} ({@code base} alone for a quick check; any trainer preset works),
 * {@code -Dbench.shardMb=500} (shard limit, decimal MB; sizes whose weights exceed it are also
 * written and imported sharded), {@code -Dbench.constrained="-Xmx1g;-Xmx1g
 * -XX:MaxDirectMemorySize=2g"} (JVM option sets, separated by semicolons, each operation also runs
 * with; failing is then a result; empty to skip), {@code -Dbench.dir=...} (where the scratch folder
 * is made; the temporary folder by default; the scratch folder is deleted at the end). Needs three
 * times the largest weights of free disk (4 GB for large).
 */
@Tag("benchmark")
class HuggingFaceImportExportBenchmark {

  private static final double MIB = 1024.0 * 1024.0;
  private static final long CHILD_TIMEOUT_MINUTES = 30;
  private static final Path REPORT = Path.of("target", "hf-import-export-benchmark.md");
  private static final Path LOGS = Path.of("target", "hf-import-export-benchmark");

  /**
   * JVM option sets each operation also runs with: 1 GiB is the default heap of a 4 GiB machine;
   * the second set lifts only the direct-memory limit, which otherwise equals the heap's.
   */
  private static final String CONSTRAINED = "-Xmx1g;-Xmx1g -XX:MaxDirectMemorySize=2g";

  /**
   * One child run: which model, layout and operation, the JVM options (empty = the defaults), and
   * the child's arguments before the result file.
   */
  private record Step(
      String size, String layout, String operation, List<String> jvm, List<String> args) {

    String jvmLabel() {
      return jvm.isEmpty() ? "default" : String.join(" ", jvm);
    }

    String fileName() {
      return String.join("-", size, layout, args.get(0), jvmLabel()).replaceAll("[^\\w.-]", "_");
    }
  }

  /** What a step reported, or why it failed. */
  private record Row(Step step, Properties result, String failed) {

    long get(String key) {
      return Long.parseLong(result.getProperty(key));
    }

    double seconds(String key) {
      return Double.parseDouble(result.getProperty(key));
    }

    boolean ok() {
      return failed == null;
    }

    boolean is(String size, String layout, String operation) {
      return ok()
          && step.jvm().isEmpty()
          && step.size().equals(size)
          && step.layout().equals(layout)
          && step.operation().equals(operation);
    }
  }

  @Test
  void shouldImportAndExportEachSizeWithinTheDefaultHeap() throws Exception {
    List<String> sizes = List.of(System.getProperty("bench.sizes", "base,large").split(","));
    long shardBytes = Long.getLong("bench.shardMb", 500) * 1_000_000;
    List<List<String>> constrained = new ArrayList<>();
    for (String options : System.getProperty("bench.constrained", CONSTRAINED).split(";")) {
      if (!options.isBlank()) {
        constrained.add(List.of(options.trim().split("\\s+")));
      }
    }
    String loadBefore = loadAverage();
    Path scratch = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    Path root = Files.createTempDirectory(Files.createDirectories(scratch), "hf-bench-");
    Files.createDirectories(LOGS);
    List<Row> rows = new ArrayList<>();
    try {
      for (String size : sizes) {
        rows.addAll(runSize(size.trim(), root.resolve(size.trim()), shardBytes, constrained));
      }
    } finally {
      deleteRecursively(root);
    }
    String report = report(rows, loadBefore, loadAverage());
    System.out.println(report);
    Files.writeString(REPORT, report);
  }

  private List<Row> runSize(String size, Path dir, long shardBytes, List<List<String>> constrained)
      throws Exception {
    Files.createDirectories(dir);
    String single = dir.resolve("single").toString();
    String sharded = dir.resolve("sharded").toString();
    String checksums = dir.resolve("checksums.tsv").toString();
    Path export = dir.resolve("export");
    String shardArg = Long.toString(shardBytes);
    List<String> defaults = List.of();
    List<Row> rows = new ArrayList<>();

    Row written =
        required(
            new Step(
                size,
                "single",
                "write",
                defaults,
                List.of("write", size, "single", shardArg, single, checksums)));
    rows.add(written);
    long tensors = written.get("tensors");
    boolean shard = written.get("weightBytes") > shardBytes;
    if (shard) {
      rows.add(
          required(
              new Step(
                  size,
                  "sharded",
                  "write",
                  defaults,
                  List.of("write", size, "sharded", shardArg, sharded, checksums))));
    }
    rows.add(required(importStep(size, "single", "import", defaults, single, checksums)));
    if (shard) {
      rows.add(required(importStep(size, "sharded", "import", defaults, sharded, checksums)));
    }
    rows.add(required(importStep(size, "single", "import-djl", defaults, single, checksums)));
    rows.add(required(exportStep(size, defaults, single, checksums, export)));
    deleteRecursively(export);

    // Constrained JVMs show which limit each path meets first; failing is a result here.
    for (List<String> jvm : constrained) {
      rows.add(run(importStep(size, "single", "import", jvm, single, checksums)));
      rows.add(run(importStep(size, "single", "import-djl", jvm, single, checksums)));
      rows.add(run(exportStep(size, jvm, single, checksums, export)));
      deleteRecursively(export);
    }

    for (Row r : rows) {
      if (r.ok()) {
        assertThat(r.get(r.step().operation().equals("write") ? "tensors" : "verified"))
            .as(r.step().toString())
            .isEqualTo(tensors);
        if (r.result().containsKey("loaded")) {
          assertThat(r.get("loaded")).as(r.step().toString()).isEqualTo(tensors);
        }
      }
    }
    deleteRecursively(dir);
    return rows;
  }

  private static Step importStep(
      String size,
      String layout,
      String mode,
      List<String> jvm,
      String directory,
      String checksums) {
    String operation = mode.equals("import") ? "import" : "import, DJL whole file";
    return new Step(size, layout, operation, jvm, List.of(mode, directory, checksums));
  }

  private static Step exportStep(
      String size, List<String> jvm, String directory, String checksums, Path out) {
    return new Step(
        size, "single", "export", jvm, List.of("export", directory, checksums, out.toString()));
  }

  private Row required(Step step) throws Exception {
    Row row = run(step);
    assertThat(row.failed()).as(step.toString()).isNull();
    return row;
  }

  /** Runs {@link ImportExportChild} for {@code step} in a fresh JVM. */
  private Row run(Step step) throws Exception {
    Path log = LOGS.resolve(step.fileName() + ".log");
    Path resultFile = LOGS.resolve(step.fileName() + ".properties");
    Files.deleteIfExists(log);
    Files.deleteIfExists(resultFile);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(step.jvm());
    command.add("-Dai.djl.offline=true");
    for (String property :
        List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ImportExportChild.class.getName());
    command.addAll(step.args());
    command.add(resultFile.toAbsolutePath().toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().remove("JAVA_TOOL_OPTIONS"); // the default heap must be the JVM's own
    Process process = builder.start();
    if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(step + " did not finish in " + CHILD_TIMEOUT_MINUTES + " minutes");
    }
    if (process.exitValue() != 0 || !Files.exists(resultFile)) {
      return new Row(step, null, failure(log, process.exitValue()));
    }
    Properties result = new Properties();
    try (Reader in = Files.newBufferedReader(resultFile)) {
      result.load(in);
    }
    return new Row(step, result, null);
  }

  /** The phase the child was in (its last {@code step:} line) and the log's first error line. */
  private static String failure(Path log, int exit) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    String phase = "";
    for (String line : lines) {
      if (line.startsWith(ImportExportChild.PHASE)) {
        phase = " " + line.substring(ImportExportChild.PHASE.length()).trim();
      }
    }
    Optional<String> error =
        lines.stream().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst();
    return "exit " + exit + " in" + phase + ": " + error.orElse("see " + log).trim();
  }

  private static String report(List<Row> rows, String loadBefore, String loadAfter) {
    Properties facts =
        rows.stream()
            .filter(r -> r.ok() && r.step().jvm().isEmpty())
            .findFirst()
            .orElseThrow()
            .result();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Machine: %s cores, %.1f GiB memory, %s. Child JVMs without options: max heap %.0f MiB"
                + " (a quarter of the memory), MaxDirectMemorySize %s, GC %s. PyTorch intra-op"
                + " threads %s. Load average (1, 5, 15 min) before: %s; after: %s.%n%n",
            facts.getProperty("cores"),
            Long.parseLong(facts.getProperty("memTotal")) / (MIB * 1024),
            facts.getProperty("java"),
            Long.parseLong(facts.getProperty("maxHeapSize")) / MIB,
            facts.getProperty("maxDirectMemorySize").equals("0")
                ? "0 (= max heap)"
                : facts.getProperty("maxDirectMemorySize"),
            facts.getProperty("gc"),
            System.getProperty("ai.djl.pytorch.num_threads", "default"),
            loadBefore,
            loadAfter));
    out.append(
        "| model | layout | operation | JVM options | weights MiB | wall s | CPU s | peak heap MiB"
            + " | RSS before MiB | peak RSS MiB | peak anon RSS MiB | direct MiB before → after"
            + " | tensors checked |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row r : rows) {
      Step s = r.step();
      String head =
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s |",
              s.size(),
              s.layout(),
              s.operation(),
              s.jvmLabel());
      if (!r.ok()) {
        out.append(head)
            .append(" | | | | | | | | fails ")
            .append(r.failed().replace("|", "/"))
            .append(" |\n");
        continue;
      }
      out.append(head)
          .append(
              String.format(
                  Locale.ROOT,
                  " %s | %.2f | %.2f | %.0f | %.0f | %.0f%s | %.0f | %.0f → %.0f | %s |%n",
                  r.result().containsKey("weightBytes")
                      ? String.format(Locale.ROOT, "%.0f", r.get("weightBytes") / MIB)
                      : "",
                  r.seconds("wallSeconds"),
                  r.seconds("cpuSeconds"),
                  r.get("heapPeak") / MIB,
                  r.get("rssBefore") / MIB,
                  r.get("rssPeak") / MIB,
                  Boolean.parseBoolean(r.result().getProperty("peakReset")) ? "" : " (since start)",
                  r.get("anonPeak") / MIB,
                  r.get("directBefore") / MIB,
                  r.get("directAfter") / MIB,
                  r.result().getProperty(s.operation().equals("write") ? "tensors" : "verified")));
    }
    out.append(
        "\n| model | peak heap, whole file / streamed | anon RSS added, whole file / streamed"
            + " | peak RSS added, whole file / streamed |\n|---|---|---|---|\n");
    for (String size : rows.stream().map(r -> r.step().size()).distinct().toList()) {
      Optional<Row> streamed =
          rows.stream().filter(r -> r.is(size, "single", "import")).findFirst();
      Optional<Row> whole =
          rows.stream().filter(r -> r.is(size, "single", "import, DJL whole file")).findFirst();
      if (streamed.isEmpty() || whole.isEmpty()) {
        continue;
      }
      Row a = whole.get();
      Row b = streamed.get();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s |%n",
              size,
              ratio(a.get("heapPeak") / MIB, b.get("heapPeak") / MIB),
              ratio(added(a, "anonPeak", "anonBefore"), added(b, "anonPeak", "anonBefore")),
              ratio(added(a, "rssPeak", "rssBefore"), added(b, "rssPeak", "rssBefore"))));
    }
    return out.toString();
  }

  private static String ratio(double whole, double streamed) {
    String both = String.format(Locale.ROOT, "%.0f / %.0f MiB", whole, streamed);
    return streamed < 1 ? both : both + String.format(Locale.ROOT, " = %.1f×", whole / streamed);
  }

  /** MiB the operation added on top of what was resident when it started. */
  private static double added(Row r, String peak, String before) {
    return Math.max(0, r.get(peak) - r.get(before)) / MIB;
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return String.join(" ", fields[0], fields[1], fields[2]);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
