package io.bertstream.trainer.huggingface;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not valid safetensors (bad header, offsets that do not tile the data, …). */
public final class SafetensorsFormatException extends IOException {

  public SafetensorsFormatException(Path file, String problem) {
    super(file + " is not a valid safetensors file: " + problem);
  }

  public SafetensorsFormatException(Path file, String problem, Throwable cause) {
    super(file + " is not a valid safetensors file: " + problem, cause);
  }
}
