package io.bertstream.trainer.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.huggingface.HuggingFaceCheckpoint;
import io.bertstream.trainer.huggingface.HuggingFaceConfig;
import io.bertstream.trainer.huggingface.ImportReport;
import io.bertstream.trainer.model.BertForPreTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A BERT loaded for inference with its own tokenizer, from any directory that holds one: a
 * checkpoint ({@code step-…}), a checkpoint directory (its newest complete checkpoint), an export,
 * or a published HuggingFace model directory. The weights are read through {@link
 * HuggingFaceCheckpoint}, one tensor at a time. Owns its arrays and tokenizer: close it.
 */
public final class SavedModel implements AutoCloseable {

  private final Path directory;
  private final Optional<StoredCheckpoint> checkpoint;
  private final ImportReport report;
  private final NDManager manager;
  private final BertForPreTraining model;
  private final BertTokenizer tokenizer;

  private SavedModel(
      Path directory,
      Optional<StoredCheckpoint> checkpoint,
      ImportReport report,
      NDManager manager,
      BertForPreTraining model,
      BertTokenizer tokenizer) {
    this.directory = directory;
    this.checkpoint = checkpoint;
    this.report = report;
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /**
   * Loads {@code path}: a checkpoint directory ({@code step-…}), a checkpoint root whose newest
   * complete checkpoint is taken, or any HuggingFace BERT directory ({@code config.json}, weights
   * as safetensors, the tokenizer's files).
   *
   * @throws IOException when {@code path} holds no model, or a checkpoint there is incomplete
   * @throws io.bertstream.trainer.huggingface.HuggingFaceImportException when the model directory
   *     cannot be used (one line that says why)
   * @throws io.bertstream.tokenizer.InvalidTokenizerException when its tokenizer cannot be used
   */
  public static SavedModel load(Path path) throws IOException {
    Optional<StoredCheckpoint> checkpoint = checkpointAt(path);
    Path directory = checkpoint.map(StoredCheckpoint::directory).orElse(path);
    Device device = Engine.getEngine("PyTorch").defaultDevice();
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    BertTokenizer tokenizer = null;
    try (HuggingFaceCheckpoint weights = HuggingFaceCheckpoint.open(directory)) {
      tokenizer = BertTokenizer.load(checkpoint.map(StoredCheckpoint::tokenizer).orElse(directory));
      BertForPreTraining model = new BertForPreTraining(weights.bertConfig());
      model.initialize(manager);
      ImportReport report = weights.loadInto(model);
      return new SavedModel(directory, checkpoint, report, manager, model, tokenizer);
    } catch (IOException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      manager.close();
      throw e;
    }
  }

  /** The checkpoint {@code path} names or holds; empty for a plain model directory. */
  private static Optional<StoredCheckpoint> checkpointAt(Path path) throws IOException {
    Optional<StoredCheckpoint> checkpoint = CheckpointStore.find(path);
    if (checkpoint.isEmpty() && !Files.isRegularFile(path.resolve(HuggingFaceConfig.FILE_NAME))) {
      throw new IOException(
          "no model in "
              + path
              + ": expected a checkpoint, a checkpoint directory or a HuggingFace BERT directory"
              + " (config.json with model.safetensors)");
    }
    return checkpoint;
  }

  public BertForPreTraining model() {
    return model;
  }

  public BertTokenizer tokenizer() {
    return tokenizer;
  }

  public NDManager manager() {
    return manager;
  }

  /** The model directory the weights came from (a checkpoint's own when a root was given). */
  public Path directory() {
    return directory;
  }

  /** The checkpoint loaded, empty for an export or a published model. */
  public Optional<StoredCheckpoint> checkpoint() {
    return checkpoint;
  }

  /** What was loaded and what started fresh (a published model may lack a head). */
  public ImportReport report() {
    return report;
  }

  /** Whether the masked-LM head came from the directory, so fill-mask means something. */
  public boolean hasMaskedLmHead() {
    return report.fresh().stream().noneMatch(name -> name.startsWith("cls.predictions."));
  }

  @Override
  public void close() {
    tokenizer.close();
    manager.close();
  }
}
