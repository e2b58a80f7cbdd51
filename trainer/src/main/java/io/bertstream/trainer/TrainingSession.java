package io.bertstream.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.checkpoint.ParameterCodec;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.checkpoint.TrainingState;
import io.bertstream.trainer.huggingface.HuggingFaceCheckpoint;
import io.bertstream.trainer.huggingface.ImportReport;
import io.bertstream.trainer.huggingface.SafetensorsReader;
import io.bertstream.trainer.huggingface.SafetensorsType;
import io.bertstream.trainer.huggingface.SafetensorsWriter;
import io.bertstream.trainer.huggingface.SafetensorsWriter.Tensor;
import io.bertstream.trainer.huggingface.TensorSpec;
import io.bertstream.trainer.input.Batch;
import io.bertstream.trainer.model.BatchArrays;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import io.bertstream.trainer.model.PretrainingLoss;
import io.bertstream.trainer.model.StepOutcome;
import io.bertstream.trainer.optim.AdamW;
import io.bertstream.trainer.optim.BudgetedSchedule;
import io.bertstream.trainer.optim.LearningRate;
import io.bertstream.trainer.optim.Schedules;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model, its optimizer and their arrays on one device: trains a step, evaluates, writes and
 * restores their state. Owns the {@link Model} (and so every array): close it.
 */
final class TrainingSession implements TrainingState, AutoCloseable {

  private final Model model;
  private final BertForPreTraining block;
  private final Map<String, Parameter> parameters;
  private final AdamW optimizer;
  private final LearningRate schedule;
  private final ParameterStore parameterStore;

  private TrainingSession(
      Model model, BertForPreTraining block, AdamW optimizer, LearningRate schedule) {
    this.model = model;
    this.block = block;
    this.parameters = HuggingFaceNames.of(block);
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.parameterStore = new ParameterStore(model.getNDManager(), false);
  }

  /**
   * A fresh model initialised from {@code seed}, on the engine's default device (a GPU when the
   * engine sees one).
   */
  static TrainingSession create(
      BertConfig config, TrainerConfig.Optimization optimization, long maxSteps, long seed) {
    return create(config, optimization, maxSteps, false, seed);
  }

  /**
   * As {@link #create(BertConfig, TrainerConfig.Optimization, long, long)}, for a run that a time
   * budget may bound too: then a decaying schedule ends where {@link #estimateLastStep} says.
   */
  static TrainingSession create(
      BertConfig config,
      TrainerConfig.Optimization optimization,
      long maxSteps,
      boolean timeBudget,
      long seed) {
    Engine engine = Engine.getEngine("PyTorch");
    Device device = engine.defaultDevice();
    Model model = Model.newInstance("bert", device, "PyTorch");
    try {
      BertForPreTraining block = new BertForPreTraining(config);
      model.setBlock(block);
      engine.setRandomSeed(seedFor(seed, 0));
      block.initialize(model.getNDManager());
      LearningRate schedule =
          Schedules.of(
              optimization.schedule(),
              optimization.learningRate(),
              optimization.warmupSteps(),
              maxSteps,
              timeBudget);
      AdamW optimizer =
          Schedules.optimizer(schedule, optimization.weightDecay(), optimization.maxGradNorm());
      return new TrainingSession(model, block, optimizer, schedule);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The engine seed of step {@code step}: dropout masks are a function of (seed, step). */
  static int seedFor(long seed, long step) {
    return (int) ((seed + step) & 0x7fffffff);
  }

  BertForPreTraining model() {
    return block;
  }

  NDManager manager() {
    return model.getNDManager();
  }

  double learningRate(long step) {
    return schedule.at(step);
  }

  /**
   * Moves the end of a time-budgeted schedule to {@code last}, for the steps after the current one;
   * nothing for a schedule that does not depend on the budget.
   */
  void estimateLastStep(long last) {
    if (schedule instanceof BudgetedSchedule budgeted) {
      budgeted.estimate(last);
    }
  }

  /** Where a time-budgeted schedule ends for now; 0 for other schedules or before an estimate. */
  long estimatedLastStep() {
    return schedule instanceof BudgetedSchedule budgeted ? budgeted.lastStep() : 0;
  }

  /**
   * Trains step number {@code step} (counting from 1) on {@code batch}; the outcome carries the
   * step's gradient norm.
   */
  StepOutcome train(Batch batch, long step, long seed) {
    Engine.getEngine("PyTorch").setRandomSeed(seedFor(seed, step));
    try (NDManager manager = model.getNDManager().newSubManager()) {
      BatchArrays arrays = BatchArrays.of(batch, manager);
      StepOutcome outcome;
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        NDList out = block.forward(parameterStore, arrays.inputs(), true);
        PretrainingLoss.Result result =
            PretrainingLoss.compute(
                out.get(0),
                out.get(1),
                arrays.mlmLabels(),
                arrays.mlmWeights(),
                arrays.nspLabels());
        collector.backward(result.total());
        outcome = StepOutcome.of(result);
      }
      // Clips, updates and clears the gradients; state keyed by name, as in checkpoints.
      return outcome.withGradNorm(optimizer.step(parameters).gradNorm());
    }
  }

  /**
   * Trains step number {@code step} on {@code microBatches}: their gradients summed, then one
   * update. Each micro-batch's loss is divided by the counts of all of them together (masked tokens
   * for the masked LM, examples for the next sentence), so the update is the one a single batch of
   * all their examples would give, up to float rounding; the outcome is that batch's. The engine is
   * seeded once per step, as for one batch.
   */
  StepOutcome train(List<Batch> microBatches, long step, long seed) {
    if (microBatches.size() == 1) {
      return train(microBatches.get(0), step, seed);
    }
    long masked = 0;
    long examples = 0;
    for (Batch batch : microBatches) {
      masked += batch.maskedTokens();
      examples += batch.size();
    }
    Engine.getEngine("PyTorch").setRandomSeed(seedFor(seed, step));
    double[] sums = new double[5];
    for (Batch batch : microBatches) {
      try (NDManager manager = model.getNDManager().newSubManager();
          GradientCollector collector = manager.getEngine().newGradientCollector()) {
        BatchArrays arrays = BatchArrays.of(batch, manager);
        NDList out = block.forward(parameterStore, arrays.inputs(), true);
        PretrainingLoss.Result result =
            PretrainingLoss.compute(
                out.get(0),
                out.get(1),
                arrays.mlmLabels(),
                arrays.mlmWeights(),
                arrays.nspLabels(),
                masked,
                examples);
        // Gradients add up over backward passes until the optimizer's step clears them.
        collector.backward(result.total());
        StepOutcome part = StepOutcome.of(result);
        sums[0] += part.loss();
        sums[1] += part.mlmLoss();
        sums[2] += part.nspLoss();
        sums[3] += part.mlmAccuracy();
        sums[4] += part.nspAccuracy();
      }
    }
    AdamW.StepStats update = optimizer.step(parameters);
    return new StepOutcome(sums[0], sums[1], sums[2], sums[3], sums[4], update.gradNorm());
  }

  /**
   * Sets the parameters {@code checkpoint} holds (a HuggingFace BERT directory of this model's
   * shape); the others keep their initial values. Before the first step only: the optimizer state
   * stays empty.
   */
  ImportReport initFrom(HuggingFaceCheckpoint checkpoint) throws IOException {
    return checkpoint.loadInto(block);
  }

  @Override
  public void writeParameters(OutputStream out) throws IOException {
    ParameterCodec.write(parameters, out);
  }

  /**
   * Streams the optimizer's state as safetensors, one array at a time: the moments of bert-large
   * alone exceed 2 GiB, more than one buffer (or DJL's whole-list encoder) holds.
   */
  @Override
  public void writeOptimizerState(OutputStream out) throws IOException {
    List<SafetensorsWriter.Tensor> tensors = new ArrayList<>();
    optimizer.momentsView().forEach((name, array) -> tensors.add(Tensor.of(name, array)));
    optimizer.stepCounts().forEach((name, count) -> tensors.add(stepTensor(name, count)));
    SafetensorsWriter.write(Channels.newChannel(out), SafetensorsWriter.PYTORCH_METADATA, tensors);
  }

  /** An update count as an int64 scalar, as {@link AdamW#exportState} gives it. */
  private static SafetensorsWriter.Tensor stepTensor(String name, long count) {
    return new SafetensorsWriter.Tensor(
        new TensorSpec(name, SafetensorsType.I64, new Shape()),
        () -> ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(0, count));
  }

  /** Loads parameters and optimizer state from {@code checkpoint}, exactly, a tensor at a time. */
  void restore(StoredCheckpoint checkpoint) throws IOException {
    ParameterCodec.read(parameters, checkpoint.file(CheckpointFiles.MODEL));
    try (SafetensorsReader state =
        SafetensorsReader.open(checkpoint.file(CheckpointFiles.OPTIMIZER))) {
      AdamW.StateImport replacement = optimizer.beginImport();
      for (String name : state.names()) {
        try (NDManager scratch = model.getNDManager().newSubManager()) {
          replacement.add(state.read(name, scratch));
        }
      }
      replacement.commit();
    }
  }

  @Override
  public void close() {
    optimizer.close();
    model.close();
  }
}
