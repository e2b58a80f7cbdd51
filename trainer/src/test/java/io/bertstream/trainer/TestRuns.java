package io.bertstream.trainer;

import ai.djl.ndarray.NDManager;
import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.Topics;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointFiles;
import io.bertstream.trainer.huggingface.SafetensorsReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the trainer tests (and the command line's) share: a small run's settings, producing
 * examples, reading results.
 */
public final class TestRuns {

  public static final long SEED = 7;

  /** The small runs' optimizer: a high rate, two warm-up steps. */
  public static final TrainerConfig.Optimization OPTIMIZATION =
      new TrainerConfig.Optimization(1e-3, 2, "auto", 0.01, 1.0);

  private TestRuns() {}

  /** A directory of transformers-written fixtures under {@code src/test/resources/huggingface/}. */
  public static Path huggingFaceFixture(String name) {
    try {
      return Path.of(fixtureUri(name));
    } catch (FileSystemNotFoundException e) {
      throw new IllegalStateException(
          "the fixture is inside a jar; use huggingFaceFixture(name, scratch)", e);
    }
  }

  /**
   * The fixture directory {@code name} on disk: where it is, or (from another module, which sees
   * this module's test jar) a copy in {@code scratch}.
   */
  public static Path huggingFaceFixture(String name, Path scratch) throws IOException {
    URI uri = fixtureUri(name);
    if ("file".equals(uri.getScheme())) {
      return Path.of(uri);
    }
    Path target = Files.createDirectories(scratch.resolve(name));
    try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
        Stream<Path> files = Files.list(jar.provider().getPath(uri))) {
      for (Path file : files.toList()) {
        Files.copy(
            file,
            target.resolve(file.getFileName().toString()),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return target;
  }

  private static URI fixtureUri(String name) {
    try {
      return TestRuns.class.getResource("/huggingface/" + name).toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The stack's connection for {@code prefix}, its topics created with {@code partitions}. */
  static KafkaConnection connect(EmbeddedStackExtension stack, String prefix, int partitions) {
    return stack.connection(prefix, partitions);
  }

  static String registryUrl(EmbeddedStackExtension stack) {
    return stack.schemaRegistryUrl();
  }

  /** The tiny preset on a tiny vocabulary, batches of 4, checkpoints by step only. */
  public static TrainerConfig.Builder config(
      KafkaConnection connection, Path vocab, Path checkpointDir, long maxSteps) {
    return TrainerConfig.builder(connection, vocab, checkpointDir)
        .preset("tiny")
        .overrides(new ModelOverrides(null, null, null, null, 64, null))
        .batchSize(4)
        .maxSteps(maxSteps)
        .checkpointEvery(4)
        .checkpointInterval(null)
        .evalEvery(0)
        .ops(OpsSettings.OFF)
        .seed(SEED)
        .idleTimeout(Duration.ofSeconds(60))
        .optimization(OPTIMIZATION);
  }

  /**
   * Produces {@code examples}, the i-th to partition {@code i % partitions}, and waits for acks.
   */
  public static void produce(
      KafkaConnection connection, String topic, List<PretrainingExample> examples, int partitions)
      throws ExecutionException, InterruptedException {
    Map<String, Object> config = connection.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    Topics topics = Topics.create(connection);
    try (KafkaProducer<String, PretrainingExample> producer =
        new KafkaProducer<>(
            config, new StringSerializer(), topics.examples().valueSerde().serializer())) {
      for (int i = 0; i < examples.size(); i++) {
        PretrainingExample example = examples.get(i);
        producer
            .send(new ProducerRecord<>(topic, i % partitions, example.getDocId(), example))
            .get();
      }
    }
  }

  /** Produces raw bytes that no Avro deserializer accepts. */
  static void producePoison(KafkaConnection connection, String topic, int partition)
      throws ExecutionException, InterruptedException {
    Map<String, Object> config = connection.clientConfig();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(topic, partition, null, new byte[] {0, 0, 0, 0, 99, 1, 2}))
          .get();
    }
  }

  /** The parameters of a checkpoint's model.safetensors, by name. */
  public static Map<String, float[]> parameters(Path checkpoint) throws IOException {
    Map<String, float[]> values = new LinkedHashMap<>();
    try (NDManager manager = NDManager.newBaseManager();
        SafetensorsReader reader =
            SafetensorsReader.open(checkpoint.resolve(CheckpointFiles.MODEL))) {
      for (String name : reader.names()) {
        values.put(name, reader.read(name, manager).toFloatArray());
      }
    }
    return values;
  }

  /**
   * {@code count} synthetic examples for the tokenizer {@code tokenizerId}, seeded with {@link
   * #SEED}.
   */
  public static List<PretrainingExample> examples(String tokenizerId, int count) {
    List<PretrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      examples.add(TestExamples.example(tokenizerId, SEED, i));
    }
    return examples;
  }

  /** The fingerprint the trainer expects on examples made with the vocabulary {@code vocab}. */
  public static String fingerprint(Path vocab) throws IOException {
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      return tokenizer.fingerprint();
    }
  }
}
