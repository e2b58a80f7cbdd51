package io.bertstream.trainer.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes named arrays as safetensors and copies them back into parameters, exactly (no casts).
 * Names are the parameters' HuggingFace names, so a checkpoint's {@code model.safetensors} reads as
 * a state dict.
 */
public final class ParameterCodec {

  private ParameterCodec() {}

  public static void write(Map<String, Parameter> parameters, OutputStream out) throws IOException {
    try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
      NDList list = new NDList();
      for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
        list.add(named(entry.getValue().getArray(), entry.getKey(), scratch));
      }
      list.encode(out, NDList.Encoding.SAFETENSORS);
    }
  }

  /** A host copy of {@code array} under {@code name}, owned by {@code scratch}. */
  public static NDArray named(NDArray array, String name, NDManager scratch) {
    NDArray copy = array.toDevice(Device.cpu(), true);
    copy.attach(scratch);
    copy.setName(name);
    return copy;
  }

  /**
   * Copies every array of {@code stored} into the parameter of the same name.
   *
   * @throws IllegalStateException when names, shapes or types differ from the model's
   */
  public static void read(Map<String, Parameter> parameters, NDList stored, String source) {
    Set<String> seen = new HashSet<>();
    for (NDArray array : stored) {
      Parameter parameter = parameters.get(array.getName());
      if (parameter == null) {
        throw new IllegalStateException(source + " holds an unknown parameter " + array.getName());
      }
      NDArray target = parameter.getArray();
      if (!target.getShape().equals(array.getShape())
          || target.getDataType() != array.getDataType()) {
        throw new IllegalStateException(
            source
                + ": parameter "
                + array.getName()
                + " is "
                + array.getShape()
                + " "
                + array.getDataType()
                + ", the model has "
                + target.getShape()
                + " "
                + target.getDataType());
      }
      target.set(array.toByteBuffer());
      seen.add(array.getName());
    }
    if (!seen.equals(parameters.keySet())) {
      Set<String> missing = new HashSet<>(parameters.keySet());
      missing.removeAll(seen);
      throw new IllegalStateException(source + " lacks parameters " + missing);
    }
  }
}
