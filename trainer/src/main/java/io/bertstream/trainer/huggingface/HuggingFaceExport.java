package io.bertstream.trainer.huggingface;

import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a model as a directory that transformers' {@code BertForPreTraining.from_pretrained}
 * loads: {@code config.json} and {@code model.safetensors} (the tied decoder is not stored, as
 * transformers itself saves it). The tokenizer's files are the caller's to add.
 */
public final class HuggingFaceExport {

  private HuggingFaceExport() {}

  /**
   * @param model the model to write
   * @param padTokenId the tokenizer's {@code [PAD]} id, for {@code pad_token_id}
   * @param directory created if missing; an existing config or weights file is replaced
   */
  public static void write(BertForPreTraining model, int padTokenId, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    HuggingFaceConfig.of(model.config(), padTokenId)
        .write(directory.resolve(HuggingFaceConfig.FILE_NAME));
    SafetensorsWriter.writeParameters(
        directory.resolve(SafetensorsShards.SINGLE_FILE), HuggingFaceNames.of(model));
  }
}
