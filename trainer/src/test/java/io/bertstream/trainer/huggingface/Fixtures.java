package io.bertstream.trainer.huggingface;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The transformers-written files under {@code src/test/resources/huggingface/}. */
final class Fixtures {

  private Fixtures() {}

  static Path path(String relative) {
    try {
      return Path.of(Fixtures.class.getResource("/huggingface/" + relative).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every tensor of {@code expected.safetensors}: the batch and transformers' outputs. */
  static Map<String, NDArray> expected(NDManager manager) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (SafetensorsReader reader = SafetensorsReader.open(path("expected.safetensors"))) {
      for (String name : reader.names()) {
        out.put(name, reader.read(name, manager));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A model built from the fixture's config, initialised with a fixed seed. */
  static BertForPreTraining model(HuggingFaceCheckpoint checkpoint, NDManager manager) {
    Engine.getEngine("PyTorch").setRandomSeed(11);
    BertForPreTraining model = new BertForPreTraining(checkpoint.bertConfig());
    model.initialize(manager);
    return model;
  }

  record Loaded(BertForPreTraining model, ImportReport report) {}

  /** Opens the directory, imports it into a freshly initialised model of its config. */
  static Loaded load(Path directory, NDManager manager) throws IOException {
    try (HuggingFaceCheckpoint checkpoint = HuggingFaceCheckpoint.open(directory)) {
      BertForPreTraining model = model(checkpoint, manager);
      return new Loaded(model, checkpoint.loadInto(model));
    }
  }

  /** {@link #load(Path, NDManager)} of the fixture directory {@code name}. */
  static Loaded load(String name, NDManager manager) throws IOException {
    return load(path(name), manager);
  }

  /** Every parameter's values by HuggingFace name. */
  static Map<String, float[]> values(BertForPreTraining model) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> p : HuggingFaceNames.of(model).entrySet()) {
      out.put(p.getKey(), p.getValue().getArray().toFloatArray());
    }
    return out;
  }
}
