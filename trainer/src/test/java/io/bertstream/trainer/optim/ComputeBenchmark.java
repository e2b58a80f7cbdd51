package io.bertstream.trainer.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training throughput and model FLOPs utilisation (MFU) of the presets, next to the same engine's
 * measured matrix-multiply rate in the same JVM. Run with {@code -Pbenchmark}; sizes via {@code
 * -Dbench.presets=tiny,mini -Dbench.batch=32 -Dbench.seq=128 -Dbench.steps=10}.
 *
 * <p>Model FLOPs of one training step = 3 × forward matmul FLOPs (backward = 2× forward), with, for
 * batch B, length T, masked positions P per sequence, hidden H, intermediate I, vocabulary V and L
 * layers: forward = L·[2BT(4H² + 2HI) + 4BT²H] + 2BH² + 4BH + 2BPH² + 2BPHV (projections q/k/v/out
 * and FFN, scores and context, pooler, NSP, MLM transform, tied decoder).
 */
@Tag("benchmark")
class ComputeBenchmark {

  private static final int VOCAB = 30522;

  static double forwardFlops(BertConfig c, long b, long t, long p) {
    double h = c.hiddenSize();
    double i = c.intermediateSize();
    double perLayer = 2.0 * b * t * (4 * h * h + 2 * h * i) + 4.0 * b * t * t * h;
    return c.numLayers() * perLayer
        + 2.0 * b * h * h
        + 4.0 * b * h
        + 2.0 * b * p * h * h
        + 2.0 * b * p * h * c.vocabSize();
  }

  /** Wall-clock and process CPU time of one piece of work. */
  record Timing(double wallSeconds, double cpuSeconds) {
    Timing plus(Timing o) {
      return new Timing(wallSeconds + o.wallSeconds, cpuSeconds + o.cpuSeconds);
    }
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  static Timing time(Runnable work) {
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    work.run();
    return new Timing((System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
  }

  /** {@code [m,k]·[k,n]} repeated, timed as a whole. */
  static Timing matmul(NDManager manager, int m, int k, int n, int reps) {
    try (NDManager scratch = manager.newSubManager()) {
      NDArray a = scratch.randomNormal(new Shape(m, k));
      NDArray bb = scratch.randomNormal(new Shape(k, n));
      try (NDArray warm = a.matMul(bb)) {
        warm.getFloat(0, 0);
      }
      return time(
          () -> {
            for (int r = 0; r < reps; r++) {
              try (NDArray c = a.matMul(bb)) {
                c.getFloat(0, 0); // forces completion on any device
              }
            }
          });
    }
  }

  @Test
  void measure() throws IOException {
    String[] presets = System.getProperty("bench.presets", "tiny,mini").split(",");
    int batch = Integer.getInteger("bench.batch", 32);
    int seq = Integer.getInteger("bench.seq", 128);
    int preds = Integer.getInteger("bench.predictions", 20);
    int steps = Integer.getInteger("bench.steps", 10);
    int warmup = Integer.getInteger("bench.warmup", 3);
    StringBuilder report = new StringBuilder();
    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      report.append(
          String.format(
              Locale.ROOT,
              "device=%s torch=%s intra-op threads=%s inter-op=%s cores=%d%n%n",
              manager.getDevice(),
              engine.getVersion(),
              System.getProperty("ai.djl.pytorch.num_threads", "default"),
              System.getProperty("ai.djl.pytorch.num_interop_threads", "default"),
              Runtime.getRuntime().availableProcessors()));
      report.append(
          "| preset | B×T | step ms wall (fwd / bwd+loss / opt) | tokens/s wall | model"
              + " GFLOP/step | model GFLOP/s wall / CPU-s | matmul GFLOP/s wall / CPU-s |"
              + " MFU wall / CPU |\n|---|---|---|---|---|---|---|---|\n");
      for (String preset : presets) {
        report.append(run(manager, preset.trim(), batch, seq, preds, steps, warmup));
      }
    }
    System.out.println(report);
    Path out = Path.of("target", "benchmark-compute.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
  }

  private static String run(
      NDManager manager, String preset, int batch, int seq, int preds, int steps, int warmup) {
    BertConfig config =
        BertConfig.preset(preset, VOCAB).toBuilder().maxPositions(Math.max(512, seq)).build();
    Engine.getEngine("PyTorch").setRandomSeed(1);
    try (NDManager modelManager = manager.newSubManager();
        AdamW opt =
            AdamW.builder()
                .optLearningRate(
                    LearningRateSchedule.of(1e-4, 10, 0, LearningRateSchedule.Decay.CONSTANT))
                .build()) {
      BertForPreTraining model = new BertForPreTraining(config);
      model.initialize(modelManager);
      Map<String, Parameter> named = HuggingFaceNames.of(model);
      Random rnd = new Random(7);
      List<TrainingFixture.Batch> data = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        data.add(fullLength(TrainingFixture.randomBatch(rnd, batch, seq, preds, VOCAB)));
      }
      for (int i = 0; i < warmup; i++) {
        TrainingFixture.step(model, opt, named, data.get(i % data.size()), modelManager);
      }
      // Two reference products, interleaved with the training steps so that all see the same
      // machine load: the model's own FFN product [B·T, H]·[H, I] and a square 1024³ one. MFU is
      // taken against the faster of the two (the conservative choice).
      int m = batch * seq;
      int h = config.hiddenSize();
      int inter = config.intermediateSize();
      int reps = Math.max(1, (int) (2e9 / (2.0 * m * h * inter)));
      Timing train = new Timing(0, 0);
      Timing fwd = new Timing(0, 0);
      Timing mmModel = new Timing(0, 0);
      Timing mmSquare = new Timing(0, 0);
      for (int i = 0; i < steps; i++) {
        TrainingFixture.Batch bt = data.get(i % data.size());
        fwd = fwd.plus(time(() -> forward(model, bt, modelManager)));
        train = train.plus(time(() -> TrainingFixture.step(model, opt, named, bt, modelManager)));
        mmModel = mmModel.plus(matmul(modelManager, m, h, inter, reps));
        mmSquare = mmSquare.plus(matmul(modelManager, 1024, 1024, 1024, 2));
      }
      Timing optOnly = optimizerTime(model, opt, named, data.get(0), modelManager);
      if (Boolean.getBoolean("bench.profile")) {
        // PyTorch's own profiler: a chrome trace of two steps, op by op.
        ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
        for (int i = 0; i < 2; i++) {
          TrainingFixture.step(model, opt, named, data.get(i), modelManager);
        }
        ai.djl.pytorch.jni.JniUtils.stopProfile(
            Path.of("target", "profile-" + preset + ".json").toAbsolutePath().toString());
      }
      double modelMatmulFlops = 2.0 * m * h * inter * reps * steps;
      double squareFlops = 2.0 * 1024 * 1024 * 1024 * 2 * steps;
      double mmWall =
          Math.max(modelMatmulFlops / mmModel.wallSeconds(), squareFlops / mmSquare.wallSeconds());
      double mmCpu =
          Math.max(modelMatmulFlops / mmModel.cpuSeconds(), squareFlops / mmSquare.cpuSeconds());
      double flops = 3 * forwardFlops(config, batch, seq, preds);
      double wall = train.wallSeconds() / steps;
      double cpu = train.cpuSeconds() / steps;
      double fwdMs = fwd.wallSeconds() / steps * 1e3;
      double optMs = optOnly.wallSeconds() * 1e3;
      return String.format(
          Locale.ROOT,
          "| %s | %d×%d | %.0f (%.0f / %.0f / %.0f) | %.0f | %.1f | %.1f / %.1f | %.1f / %.1f |"
              + " %.2f / %.2f |%n",
          preset,
          batch,
          seq,
          wall * 1e3,
          fwdMs,
          wall * 1e3 - fwdMs - optMs,
          optMs,
          batch * seq / wall,
          flops / 1e9,
          flops / wall / 1e9,
          flops / cpu / 1e9,
          mmWall / 1e9,
          mmCpu / 1e9,
          flops / wall / mmWall,
          flops / cpu / mmCpu);
    }
  }

  /** Every row full length, so tokens/s counts no padding. */
  private static TrainingFixture.Batch fullLength(TrainingFixture.Batch b) {
    int[] mask = new int[b.mask().length];
    java.util.Arrays.fill(mask, 1);
    int[] ids = b.ids().clone();
    for (int i = 0; i < ids.length; i++) {
      if (b.mask()[i] == 0) {
        ids[i] = TrainingFixture.FIRST_WORD;
      }
    }
    return new TrainingFixture.Batch(
        b.b(), b.t(), b.p(), ids, b.types(), mask, b.positions(), b.labels(), b.weights(), b.nsp());
  }

  private static void forward(
      BertForPreTraining model, TrainingFixture.Batch bt, NDManager manager) {
    try (NDManager scratch = manager.newSubManager()) {
      NDList out = model.forward(new ParameterStore(scratch, false), bt.inputs(scratch), true);
      out.get(0).getFloat(0, 0, 0);
    }
  }

  private static Timing optimizerTime(
      BertForPreTraining model,
      AdamW opt,
      Map<String, Parameter> named,
      TrainingFixture.Batch bt,
      NDManager manager) {
    try (NDManager scratch = manager.newSubManager()) {
      try (var gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        NDList out = model.forward(new ParameterStore(scratch, false), bt.inputs(scratch), true);
        gc.backward(out.get(0).sum().add(out.get(1).sum()));
      }
      return time(() -> opt.step(named));
    }
  }
}
