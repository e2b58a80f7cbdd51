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
 * measured matrix-multiply rate in the same JVM. Run with {@code -Dgroups=benchmark}; sizes via
 * {@code -Dbench.presets=tiny,mini -Dbench.batch=32 -Dbench.seq=128 -Dbench.steps=10}.
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

  /** Best-of rate of {@code [m,k]·[k,n]} on the engine, in FLOP/s. */
  static double matmulRate(NDManager manager, int m, int k, int n, int reps) {
    try (NDManager scratch = manager.newSubManager()) {
      NDArray a = scratch.randomNormal(new Shape(m, k));
      NDArray bb = scratch.randomNormal(new Shape(k, n));
      double best = 0;
      for (int r = 0; r < reps; r++) {
        long start = System.nanoTime();
        try (NDArray c = a.matMul(bb)) {
          c.getFloat(0, 0); // forces completion on any device
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        best = Math.max(best, 2.0 * m * k * n / seconds);
      }
      return best;
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
      String device = manager.getDevice().toString();
      double square = matmulRate(manager, 1024, 1024, 1024, 10);
      double ffn = matmulRate(manager, batch * seq, 256, 1024, 10);
      double peak = Math.max(square, ffn);
      report.append(
          String.format(
              Locale.ROOT,
              "device=%s engine=%s threads=%s interop=%s cores=%d%n"
                  + "matmul 1024x1024x1024: %.1f GFLOP/s; %dx256x1024: %.1f GFLOP/s%n",
              device,
              engine.getVersion(),
              System.getProperty("ai.djl.pytorch.num_threads", "default"),
              System.getProperty("ai.djl.pytorch.num_interop_threads", "default"),
              Runtime.getRuntime().availableProcessors(),
              square / 1e9,
              batch * seq,
              ffn / 1e9,
              peak / 1e9));
      report.append(
          "| preset | B×T | step ms (fwd / bwd / opt) | tokens/s | model TFLOP/step | model"
              + " GFLOP/s | MFU |\n|---|---|---|---|---|---|---|\n");
      for (String preset : presets) {
        report.append(run(manager, preset.trim(), batch, seq, preds, steps, warmup, peak));
      }
    }
    System.out.println(report);
    Path out = Path.of("target", "benchmark-compute.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
  }

  private static String run(
      NDManager manager,
      String preset,
      int batch,
      int seq,
      int preds,
      int steps,
      int warmup,
      double peak) {
    BertConfig config = BertConfig.preset(preset, VOCAB).withMaxPositions(Math.max(512, seq));
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
      long fwd = 0;
      long total = 0;
      for (int i = 0; i < steps; i++) {
        TrainingFixture.Batch bt = data.get(i % data.size());
        fwd += forwardNanos(model, bt, modelManager);
        long start = System.nanoTime();
        TrainingFixture.step(model, opt, named, bt, modelManager);
        total += System.nanoTime() - start;
      }
      // the optimizer step alone, on the gradients of one more backward
      long optNanos = optimizerNanos(model, opt, named, data.get(0), modelManager);
      double stepSeconds = total / 1e9 / steps;
      double fwdMs = fwd / 1e6 / steps;
      double optMs = optNanos / 1e6;
      double bwdMs = stepSeconds * 1e3 - fwdMs - optMs;
      double flops = 3 * forwardFlops(config, batch, seq, preds);
      double rate = flops / stepSeconds;
      return String.format(
          Locale.ROOT,
          "| %s | %d×%d | %.0f (%.0f / %.0f / %.0f) | %.0f | %.3f | %.1f | %.2f |%n",
          preset,
          batch,
          seq,
          stepSeconds * 1e3,
          fwdMs,
          bwdMs,
          optMs,
          batch * seq / stepSeconds,
          flops / 1e12,
          rate / 1e9,
          rate / peak);
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

  private static long forwardNanos(
      BertForPreTraining model, TrainingFixture.Batch bt, NDManager manager) {
    try (NDManager scratch = manager.newSubManager()) {
      NDList in = bt.inputs(scratch);
      long start = System.nanoTime();
      NDList out = model.forward(new ParameterStore(scratch, false), in, true);
      out.get(0).getFloat(0, 0, 0);
      return System.nanoTime() - start;
    }
  }

  private static long optimizerNanos(
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
      long start = System.nanoTime();
      opt.step(named);
      return System.nanoTime() - start;
    }
  }
}
