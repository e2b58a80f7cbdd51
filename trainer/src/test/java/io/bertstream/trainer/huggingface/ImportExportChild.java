package io.bertstream.trainer.huggingface;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One measured step of {@link HuggingFaceImportExportBenchmark} in its own JVM, so that its peak
 * memory is its own and its heap the JVM's default. Each mode measures one operation with {@link
 * PeakMemory}, then checks the values that moved against the checksums the writer recorded, and
 * stores what it saw as a properties file (the last argument):
 *
 * <ul>
 *   <li>{@code write SIZE single|sharded SHARD_BYTES MODEL_DIR CHECKSUMS RESULT}: a freshly
 *       initialised model (seed 1) written as transformers lays it out, and its checksums recorded
 *       (or, when the file exists, required to be the same);
 *   <li>{@code import MODEL_DIR CHECKSUMS RESULT}: {@code HuggingFaceCheckpoint.open} + {@code
 *       loadInto} a fresh model of another seed;
 *   <li>{@code import-djl MODEL_DIR CHECKSUMS RESULT}: the same through DJL's whole-file decoder,
 *       {@code NDList.decode(Files.readAllBytes(..))}, and {@code copyTo} each parameter;
 *   <li>{@code export MODEL_DIR CHECKSUMS OUT_DIR RESULT}: the import (not measured), then {@code
 *       HuggingFaceExport.write} of the loaded model.
 * </ul>
 */
public final class ImportExportChild {

  /** Starts the line that names the phase the child enters, for the parent's failure message. */
  static final String PHASE = "phase:";

  private static final String WORD_EMBEDDINGS = "bert.embeddings.word_embeddings.weight";

  private ImportExportChild() {}

  /** The sizes the benchmark knows: {@code large} and the trainer's presets. */
  static BertConfig config(String size) {
    if (size.equals("large")) {
      return BertConfig.preset("base", HuggingFaceConfig.DEFAULT_VOCAB_SIZE).toBuilder()
          .hiddenSize(1024)
          .numLayers(24)
          .numHeads(16)
          .intermediateSize(4096)
          .build();
    }
    return BertConfig.preset(size, HuggingFaceConfig.DEFAULT_VOCAB_SIZE);
  }

  public static void main(String[] args) throws Exception {
    Properties result = machine();
    Path resultFile = Path.of(args[args.length - 1]);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      switch (args[0]) {
        case "write" ->
            write(
                config(args[1]),
                args[2].equals("sharded"),
                Long.parseLong(args[3]),
                Path.of(args[4]),
                Path.of(args[5]),
                manager,
                result);
        case "import" -> importStreamed(Path.of(args[1]), Path.of(args[2]), manager, result);
        case "import-djl" -> importWholeFile(Path.of(args[1]), Path.of(args[2]), manager, result);
        case "export" ->
            export(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), manager, result);
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    }
    try (Writer out = Files.newBufferedWriter(resultFile)) {
      result.store(out, String.join(" ", args));
    }
  }

  private static void write(
      BertConfig config,
      boolean sharded,
      long shardBytes,
      Path directory,
      Path checksums,
      NDManager manager,
      Properties result)
      throws Exception {
    phase("model of seed 1");
    BertForPreTraining model = model(config, 1, manager);
    Map<String, Parameter> parameters = HuggingFaceNames.of(model);
    Map<String, Long> written = TensorChecksums.of(parameters);
    if (Files.exists(checksums)) {
      TensorChecksums.requireEqual("the model of seed 1", TensorChecksums.read(checksums), written);
    } else {
      TensorChecksums.write(checksums, written);
    }
    phase("write");
    Files.createDirectories(directory);
    HuggingFaceConfig.of(config, 0).write(directory.resolve(HuggingFaceConfig.FILE_NAME));
    PeakMemory.Measured m =
        PeakMemory.measure(
            () -> {
              if (sharded) {
                ShardedSafetensors.write(directory, parameters, shardBytes);
              } else {
                SafetensorsWriter.writeParameters(
                    directory.resolve(SafetensorsShards.SINGLE_FILE), parameters);
              }
            });
    phase("check");
    TensorChecksums.requireEqual(
        directory.toString(), written, TensorChecksums.ofDirectory(directory));
    put(result, m);
    result.setProperty("parameters", Long.toString(parameterCount(parameters)));
    result.setProperty("tensors", Integer.toString(written.size()));
    result.setProperty("weightBytes", Long.toString(weightBytes(directory)));
    result.setProperty("files", Long.toString(weightFiles(directory).size()));
  }

  private static void importStreamed(
      Path directory, Path checksums, NDManager manager, Properties result) throws Exception {
    Fresh fresh = fresh(directory, checksums, manager);
    phase("import");
    ImportReport[] report = new ImportReport[1];
    PeakMemory.Measured m =
        PeakMemory.measure(
            () -> {
              try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(directory)) {
                report[0] = checkpoint.loadInto(fresh.model());
              }
            });
    put(result, m);
    result.setProperty("loaded", Integer.toString(report[0].loaded().size()));
    fresh.verify(result);
  }

  private static void importWholeFile(
      Path directory, Path checksums, NDManager manager, Properties result) throws Exception {
    Fresh fresh = fresh(directory, checksums, manager);
    Map<String, Parameter> parameters = HuggingFaceNames.of(fresh.model());
    AtomicInteger loaded = new AtomicInteger();
    phase("import through NDList.decode");
    PeakMemory.Measured m =
        PeakMemory.measure(
            () -> {
              try (NDManager scratch = manager.newSubManager()) {
                NDList decoded =
                    NDList.decode(
                        scratch,
                        Files.readAllBytes(directory.resolve(SafetensorsShards.SINGLE_FILE)));
                for (NDArray array : decoded) {
                  Parameter p = parameters.get(array.getName());
                  if (p != null) {
                    array.copyTo(p.getArray());
                    loaded.incrementAndGet();
                  }
                }
              }
            });
    put(result, m);
    result.setProperty("loaded", Integer.toString(loaded.get()));
    fresh.verify(result);
  }

  private static void export(
      Path directory, Path checksums, Path out, NDManager manager, Properties result)
      throws Exception {
    Fresh fresh = fresh(directory, checksums, manager);
    phase("import before the export (not measured)");
    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(directory)) {
      checkpoint.loadInto(fresh.model());
    }
    phase("export");
    PeakMemory.Measured m =
        PeakMemory.measure(() -> HuggingFaceExport.write(fresh.model(), 0, out));
    put(result, m);
    phase("check");
    BertConfig exported = HuggingFaceConfig.read(out.resolve(HuggingFaceConfig.FILE_NAME)).bert();
    if (!exported.equals(fresh.model().config())) {
      throw new IllegalStateException("exported config " + exported + " differs from the model's");
    }
    Map<String, Long> stored = TensorChecksums.ofDirectory(out);
    TensorChecksums.requireEqual(out.toString(), fresh.expected(), stored);
    result.setProperty("verified", Integer.toString(stored.size()));
    result.setProperty("weightBytes", Long.toString(weightBytes(out)));
  }

  /** A model of the directory's shape, initialised with a seed other than the writer's. */
  private record Fresh(BertForPreTraining model, Map<String, Long> expected) {

    /** Every parameter now holds the written values. */
    void verify(Properties result) {
      phase("check");
      Map<String, Long> actual = TensorChecksums.of(HuggingFaceNames.of(model));
      TensorChecksums.requireEqual("the imported model", expected, actual);
      result.setProperty("verified", Integer.toString(actual.size()));
    }
  }

  private static void phase(String name) {
    System.out.println(PHASE + " " + name);
    System.out.flush();
  }

  private static Fresh fresh(Path directory, Path checksums, NDManager manager) throws IOException {
    phase("fresh model");
    BertConfig config =
        HuggingFaceConfig.read(directory.resolve(HuggingFaceConfig.FILE_NAME)).bert();
    Map<String, Long> expected = TensorChecksums.read(checksums);
    BertForPreTraining model = model(config, 2, manager);
    long before = TensorChecksums.of(HuggingFaceNames.of(model).get(WORD_EMBEDDINGS).getArray());
    if (before == expected.get(WORD_EMBEDDINGS)) {
      throw new IllegalStateException(
          "the fresh model already holds the written word embeddings; the check would prove"
              + " nothing");
    }
    return new Fresh(model, expected);
  }

  private static BertForPreTraining model(BertConfig config, int seed, NDManager manager) {
    Engine.getEngine("PyTorch").setRandomSeed(seed);
    BertForPreTraining model = new BertForPreTraining(config);
    model.initialize(manager);
    return model;
  }

  private static long parameterCount(Map<String, Parameter> parameters) {
    return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
  }

  private static List<Path> weightFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).toList();
    }
  }

  private static long weightBytes(Path directory) throws IOException {
    long total = 0;
    for (Path f : weightFiles(directory)) {
      total += Files.size(f);
    }
    return total;
  }

  private static void put(Properties result, PeakMemory.Measured m) {
    result.setProperty("wallSeconds", Double.toString(m.wallSeconds()));
    result.setProperty("cpuSeconds", Double.toString(m.cpuSeconds()));
    result.setProperty("heapPeak", Long.toString(m.heapPeak()));
    result.setProperty("rssBefore", Long.toString(m.rssBefore()));
    result.setProperty("rssPeak", Long.toString(m.rssPeak()));
    result.setProperty("peakReset", Boolean.toString(m.peakReset()));
    result.setProperty("anonBefore", Long.toString(m.anonBefore()));
    result.setProperty("anonPeak", Long.toString(m.anonPeak()));
    result.setProperty("directBefore", Long.toString(m.directBefore()));
    result.setProperty("directAfter", Long.toString(m.directAfter()));
  }

  /** The facts that decide how much memory this JVM may use. */
  private static Properties machine() throws IOException {
    Properties p = new Properties();
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    p.setProperty("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    p.setProperty("maxHeap", Long.toString(Runtime.getRuntime().maxMemory()));
    p.setProperty("maxHeapSize", vm.getVMOption("MaxHeapSize").getValue());
    p.setProperty("maxDirectMemorySize", vm.getVMOption("MaxDirectMemorySize").getValue());
    p.setProperty(
        "gc",
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(", ")));
    p.setProperty("jvmArgs", String.join(" ", jvmArguments()));
    p.setProperty("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    p.setProperty("memTotal", Long.toString(memTotal()));
    return p;
  }

  private static List<String> jvmArguments() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-X") || a.startsWith("-XX"))
        .toList();
  }

  private static long memTotal() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(Arrays.asList(line.split("\\s+")).get(1)) * 1024;
      }
    }
    return -1;
  }
}
