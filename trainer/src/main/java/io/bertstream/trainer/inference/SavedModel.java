package io.bertstream.trainer.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.ParameterCodec;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A trained model loaded from a checkpoint for inference, with the tokenizer stored beside it. Owns
 * its arrays and tokenizer: close it.
 */
public final class SavedModel implements AutoCloseable {

  private final StoredCheckpoint checkpoint;
  private final NDManager manager;
  private final BertForPreTraining model;
  private final BertTokenizer tokenizer;

  private SavedModel(
      StoredCheckpoint checkpoint,
      NDManager manager,
      BertForPreTraining model,
      BertTokenizer tokenizer) {
    this.checkpoint = checkpoint;
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /**
   * Loads {@code path}: a checkpoint directory ({@code step-…}), or a checkpoint root whose newest
   * complete checkpoint is taken.
   */
  public static SavedModel load(Path path) throws IOException {
    CheckpointStore store = new CheckpointStore(path, 1);
    StoredCheckpoint checkpoint =
        Files.isRegularFile(path.resolve(CheckpointStore.MANIFEST))
            ? store
                .read(path)
                .orElseThrow(() -> new IOException(path + " is not a complete checkpoint"))
            : store.latest().orElseThrow(() -> new IOException("no checkpoint in " + path));
    Device device = Engine.getEngine("PyTorch").defaultDevice();
    NDManager manager = NDManager.newBaseManager(device, "PyTorch");
    BertTokenizer tokenizer = null;
    try {
      BertConfig config = BertConfig.read(checkpoint.file(CheckpointFiles.CONFIG));
      tokenizer = BertTokenizer.load(checkpoint.file(checkpoint.manifest().tokenizerFile()));
      BertForPreTraining model = new BertForPreTraining(config);
      model.initialize(manager);
      try (NDManager scratch = manager.newSubManager()) {
        NDList stored =
            NDList.decode(scratch, Files.readAllBytes(checkpoint.file(CheckpointFiles.MODEL)));
        ParameterCodec.read(HuggingFaceNames.of(model), stored, checkpoint.directory().toString());
      }
      return new SavedModel(checkpoint, manager, model, tokenizer);
    } catch (IOException | RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      manager.close();
      throw e;
    }
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

  public StoredCheckpoint checkpoint() {
    return checkpoint;
  }

  @Override
  public void close() {
    tokenizer.close();
    manager.close();
  }
}
