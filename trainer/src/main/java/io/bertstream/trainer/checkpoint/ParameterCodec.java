package io.bertstream.trainer.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.bertstream.trainer.huggingface.SafetensorsReader;
import io.bertstream.trainer.huggingface.SafetensorsWriter;
import io.bertstream.trainer.huggingface.TensorEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes parameters as safetensors and copies them back, exactly (no casts), one tensor at a time:
 * neither direction holds a second copy of the model in memory. Names are the parameters'
 * HuggingFace names and the header carries {@code __metadata__ {"format": "pt"}}, so a checkpoint's
 * {@code model.safetensors} is a state dict transformers loads.
 */
public final class ParameterCodec {

  private ParameterCodec() {}

  /** Writes every parameter to {@code out} (left open). */
  public static void write(Map<String, Parameter> parameters, OutputStream out) throws IOException {
    SafetensorsWriter.writeParameters(Channels.newChannel(out), parameters);
  }

  /**
   * Copies every tensor of the safetensors {@code file} into the parameter of the same name. Names,
   * shapes and types are all checked before the first parameter changes.
   *
   * @throws IllegalStateException when names, shapes or types differ from the model's
   */
  public static void read(Map<String, Parameter> parameters, Path file) throws IOException {
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      Set<String> seen = new HashSet<>();
      for (String name : reader.names()) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
          throw new IllegalStateException(file + " holds an unknown parameter " + name);
        }
        TensorEntry entry = reader.entry(name);
        NDArray target = parameter.getArray();
        if (!target.getShape().equals(entry.shape())
            || !entry.type().readable()
            || target.getDataType() != entry.type().readAs()) {
          throw new IllegalStateException(
              file
                  + ": parameter "
                  + name
                  + " is "
                  + entry.shape()
                  + " "
                  + entry.type()
                  + ", the model has "
                  + target.getShape()
                  + " "
                  + target.getDataType());
        }
        seen.add(name);
      }
      if (!seen.equals(parameters.keySet())) {
        Set<String> missing = new HashSet<>(parameters.keySet());
        missing.removeAll(seen);
        throw new IllegalStateException(file + " lacks parameters " + missing);
      }
      for (String name : reader.names()) {
        parameters.get(name).getArray().set(reader.readBytes(name));
      }
    }
  }
}
