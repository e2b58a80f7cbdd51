package io.bertstream.trainer.huggingface;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.bertstream.trainer.model.BertConfig;
import io.bertstream.trainer.model.BertForPreTraining;
import io.bertstream.trainer.model.HuggingFaceNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A HuggingFace BERT directory ({@code config.json} and safetensors weights, sharded or not) opened
 * for import into this trainer's {@link BertForPreTraining}.
 *
 * <p>Accepted: {@code BertForPreTraining}, {@code BertForMaskedLM} and bare {@code BertModel}
 * checkpoints, names with or without the {@code bert.} prefix, LayerNorm {@code gamma}/{@code
 * beta}, the tied decoder weight stored (it must equal the word embeddings) or not, and {@code
 * cls.predictions.decoder.bias} for {@code cls.predictions.bias}. The encoder must be complete; the
 * pooler and heads a checkpoint lacks start fresh and are reported; tensors the model has no use
 * for are ignored. Refused, with a {@link HuggingFaceImportException}: weights only in {@code
 * pytorch_model.bin}, another activation, position embedding or model type, an untied decoder, and
 * a directory without weights.
 *
 * <p>Everything is checked from the headers and the few tensors compared before any parameter is
 * written, so a refused import leaves the model as it was. Each tensor is mapped, copied once and
 * handed to its parameter; the files are never read whole.
 */
public final class HuggingFaceCheckpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HuggingFaceCheckpoint.class);

  private static final String PYTORCH_BIN = "pytorch_model.bin";
  private static final String PYTORCH_INDEX = "pytorch_model.bin.index.json";
  private static final List<String> OTHER_FORMATS =
      List.of("tf_model.h5", "flax_model.msgpack", "model.ckpt.index");

  private final Path directory;
  private final HuggingFaceConfig config;
  private final SafetensorsShards weights;

  private HuggingFaceCheckpoint(
      Path directory, HuggingFaceConfig config, SafetensorsShards weights) {
    this.directory = directory;
    this.config = config;
    this.weights = weights;
  }

  /**
   * Opens {@code directory}: reads and checks its config, then the headers of its weights.
   *
   * @throws HuggingFaceImportException when the directory cannot be imported (the message says why
   *     and what to do)
   * @throws IOException when a file cannot be read
   */
  public static HuggingFaceCheckpoint open(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new HuggingFaceImportException(directory + " is not a directory");
    }
    Path configFile = directory.resolve(HuggingFaceConfig.FILE_NAME);
    if (!Files.isRegularFile(configFile)) {
      throw new HuggingFaceImportException(
          directory + " has no " + HuggingFaceConfig.FILE_NAME + "; not a HuggingFace model");
    }
    HuggingFaceConfig config;
    try {
      config = HuggingFaceConfig.read(configFile);
    } catch (IllegalArgumentException e) {
      throw new HuggingFaceImportException(e.getMessage(), e);
    }
    List<String> unsupported = config.unsupported();
    if (!unsupported.isEmpty()) {
      throw new HuggingFaceImportException(
          configFile + ": " + String.join("; ", unsupported) + " by this trainer's BERT");
    }
    try {
      return new HuggingFaceCheckpoint(directory, config, openWeights(directory, config));
    } catch (SafetensorsFormatException e) {
      throw new HuggingFaceImportException(e.getMessage(), e);
    }
  }

  private static SafetensorsShards openWeights(Path directory, HuggingFaceConfig config)
      throws IOException {
    Path single = directory.resolve(SafetensorsShards.SINGLE_FILE);
    if (Files.isRegularFile(single)) {
      return SafetensorsShards.single(single);
    }
    Path index = directory.resolve(SafetensorsShards.INDEX_FILE);
    if (Files.isRegularFile(index)) {
      return SafetensorsShards.index(index);
    }
    if (Files.exists(directory.resolve(PYTORCH_BIN))
        || Files.exists(directory.resolve(PYTORCH_INDEX))) {
      throw new HuggingFaceImportException(
          directory
              + " holds its weights only as "
              + PYTORCH_BIN
              + " (pickle), which this trainer does not read; convert them to safetensors with"
              + " Python and transformers: "
              + conversion(directory, config));
    }
    for (String other : OTHER_FORMATS) {
      if (Files.exists(directory.resolve(other))) {
        throw new HuggingFaceImportException(
            directory
                + " holds its weights only as "
                + other
                + "; save them as safetensors first (transformers' save_pretrained with"
                + " safe_serialization=True)");
      }
    }
    throw new HuggingFaceImportException(
        directory
            + " holds no weights: expected "
            + SafetensorsShards.SINGLE_FILE
            + " or "
            + SafetensorsShards.INDEX_FILE);
  }

  /** Two Python statements that rewrite a directory's weights as safetensors, heads kept. */
  static String conversion(Path directory, HuggingFaceConfig config) {
    String arch = config.architecture();
    String dir = directory.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    return "from transformers import "
        + arch
        + "; "
        + arch
        + ".from_pretrained(\""
        + dir
        + "\").save_pretrained(\""
        + dir
        + "\", safe_serialization=True)";
  }

  public Path directory() {
    return directory;
  }

  public HuggingFaceConfig config() {
    return config;
  }

  /** The shape to build the model with. */
  public BertConfig bertConfig() {
    return config.bert();
  }

  /**
   * Sets {@code model}'s parameters from the checkpoint; parameters it lacks keep their values. The
   * model must be initialised and have the checkpoint's shape (dropout and initializer range may
   * differ).
   *
   * @throws HuggingFaceImportException when the checkpoint does not fit the model; no parameter has
   *     been changed then
   */
  public ImportReport loadInto(BertForPreTraining model) throws IOException {
    requireSameShape(model.config());
    Map<String, Parameter> parameters = HuggingFaceNames.of(model);
    Map<String, List<String>> stored = new LinkedHashMap<>();
    for (String name : weights.names()) {
      stored.computeIfAbsent(CheckpointNames.canonical(name), k -> new ArrayList<>()).add(name);
    }

    Map<String, List<String>> sources = new LinkedHashMap<>();
    List<String> fresh = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
      List<String> names = stored.get(p.getKey());
      if (names == null) {
        (CheckpointNames.required(p.getKey()) ? missing : fresh).add(p.getKey());
        continue;
      }
      for (String name : names) {
        requireFits(name, p.getValue());
      }
      sources.put(p.getKey(), names);
    }
    if (!missing.isEmpty()) {
      throw new HuggingFaceImportException(
          directory
              + " lacks "
              + missing.size()
              + " encoder tensors its config.json implies, e.g. "
              + missing.get(0)
              + "; not a complete BERT checkpoint");
    }
    List<String> decoder = stored.getOrDefault(CheckpointNames.DECODER_WEIGHT, List.of());
    for (String name : decoder) {
      requireFits(name, parameters.get(CheckpointNames.WORD_EMBEDDINGS));
    }

    requireAliasesAgree(sources);
    requireTiedDecoder(decoder, sources.get(CheckpointNames.WORD_EMBEDDINGS).get(0));

    Set<String> used = new HashSet<>(decoder);
    sources.values().forEach(used::addAll);
    List<String> ignored = new ArrayList<>();
    for (String name : weights.names()) {
      if (!used.contains(name)) {
        ignored.add(name);
      }
    }

    for (Map.Entry<String, List<String>> s : sources.entrySet()) {
      copy(s.getValue().get(0), parameters.get(s.getKey()).getArray());
    }
    ImportReport report =
        new ImportReport(directory, List.copyOf(sources.keySet()), fresh, ignored);
    LOG.info("{}", report.summary());
    if (!ignored.isEmpty()) {
      LOG.debug("ignored stored tensors: {}", ignored);
    }
    if (!config.tieWordEmbeddings() && decoder.isEmpty()) {
      LOG.info(
          "config.json says tie_word_embeddings=false but stores no decoder weight;"
              + " the MLM decoder shares the word embeddings");
    }
    return report;
  }

  private void requireSameShape(BertConfig model) {
    BertConfig c = config.bert();
    boolean same =
        model.vocabSize() == c.vocabSize()
            && model.hiddenSize() == c.hiddenSize()
            && model.numLayers() == c.numLayers()
            && model.numHeads() == c.numHeads()
            && model.intermediateSize() == c.intermediateSize()
            && model.maxPositions() == c.maxPositions()
            && model.typeVocabSize() == c.typeVocabSize()
            && model.layerNormEps() == c.layerNormEps();
    if (!same) {
      throw new HuggingFaceImportException(
          "the model's shape "
              + model
              + " differs from "
              + directory.resolve(HuggingFaceConfig.FILE_NAME)
              + "'s "
              + c);
    }
  }

  private void requireFits(String stored, Parameter parameter) {
    TensorEntry entry = weights.entry(stored);
    if (!entry.shape().equals(parameter.getShape())) {
      throw new HuggingFaceImportException(
          weights.file(stored)
              + ": "
              + stored
              + " is "
              + entry.shape()
              + ", config.json implies "
              + parameter.getShape());
    }
    if (!entry.type().readable() || !entry.type().readAs().isFloating()) {
      throw new HuggingFaceImportException(
          weights.file(stored) + ": " + stored + " holds " + entry.type() + ", not floats");
    }
  }

  /** Two stored names for one parameter (decoder.bias and bias) must hold the same values. */
  private void requireAliasesAgree(Map<String, List<String>> sources) throws IOException {
    for (List<String> names : sources.values()) {
      for (int i = 1; i < names.size(); i++) {
        if (!same(names.get(0), names.get(i))) {
          throw new HuggingFaceImportException(
              directory
                  + " stores "
                  + names.get(0)
                  + " and "
                  + names.get(i)
                  + " with different values, but they are one parameter");
        }
      }
    }
  }

  private void requireTiedDecoder(List<String> decoder, String wordEmbeddings) throws IOException {
    for (String name : decoder) {
      if (!same(name, wordEmbeddings)) {
        throw new HuggingFaceImportException(
            directory
                + " has an untied MLM decoder ("
                + name
                + " differs from "
                + wordEmbeddings
                + (config.tieWordEmbeddings() ? "" : ", tie_word_embeddings=false")
                + "); this trainer's decoder is the word-embedding table and cannot hold it");
      }
    }
  }

  private boolean same(String a, String b) throws IOException {
    return weights.readBytes(a).equals(weights.readBytes(b));
  }

  private void copy(String stored, NDArray target) throws IOException {
    ByteBuffer bytes = weights.readBytes(stored);
    DataType readAs = weights.entry(stored).type().readAs();
    if (readAs == target.getDataType()) {
      target.set(bytes);
      return;
    }
    try (NDManager scratch = target.getManager().newSubManager()) {
      NDArray read = scratch.create(bytes, target.getShape(), readAs);
      target.set(read.toType(target.getDataType(), false).toByteBuffer());
    }
  }

  @Override
  public void close() throws IOException {
    weights.close();
  }
}
