package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.stream.recipe.RecipeConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTopologyTest {

  private static final String[] WORDS = {
    "the",
    "union",
    "congress",
    "people",
    "government",
    "nation",
    "peace",
    "war",
    "treaty",
    "commerce",
    "revenue",
    "citizens",
    "states",
    "constitution",
    "liberty",
    "progress",
    "agriculture",
    "manufactures",
    "public",
    "duty"
  };

  private static final RecipeConfig RECIPE =
      new RecipeConfig(64, 0.15, 20, 0.1, 0.5, false, 7L, 0.2, 1000, 1);

  private final List<String> texts = texts(40);

  /** The remembered documents live in RocksDB: each test keeps its own. */
  @TempDir Path stateDir;

  private final TestWordPieces wordPieces = TestWordPieces.fromTexts(texts);

  private static List<String> texts(int count) {
    Random random = new Random(11);
    List<String> texts = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      StringBuilder text = new StringBuilder();
      int sentences = 5 + random.nextInt(30);
      for (int s = 0; s < sentences; s++) {
        int words = 3 + random.nextInt(20);
        for (int w = 0; w < words; w++) {
          String word = WORDS[random.nextInt(WORDS.length)];
          text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
              .append(w == words - 1 ? ". " : " ");
        }
      }
      texts.add(text.toString().strip());
    }
    return texts;
  }

  private static RawDocument document(String id, String text) {
    return RawDocument.newBuilder()
        .setId(id)
        .setText(text)
        .setSource("test")
        .setAttributes(Map.of())
        .setIngestedAt(Instant.ofEpochMilli(1_000))
        .build();
  }

  private StreamTopics topics() {
    return new StreamTopics(
        "t.docs",
        PlainAvro.deserializer(RawDocument.class),
        "t.examples",
        "t.examples.eval",
        PlainAvro.serializer(),
        "t.docs.dlq");
  }

  private TopologyTestDriver driver(WordPieces pieces) {
    return driver(pieces, topics(), new StreamMetrics(new SimpleMeterRegistry()));
  }

  private TopologyTestDriver driver(WordPieces pieces, StreamTopics topics, StreamMetrics metrics) {
    return driver(RECIPE, pieces, topics, metrics);
  }

  private TopologyTestDriver driver(
      RecipeConfig recipe, WordPieces pieces, StreamTopics topics, StreamMetrics metrics) {
    TokenizerStreamConfig config =
        TokenizerStreamConfig.of(
                new KafkaConnection(
                    "unused:9092",
                    "http://unused",
                    new io.bertstream.runtime.TopicNames("t"),
                    Map.of()),
                null)
            .withRecipe(recipe)
            .withStateDir(stateDir)
            .withOps(OpsSettings.OFF);
    Properties properties = StreamsSettings.properties(config, metrics);
    return new TopologyTestDriver(
        TokenizerTopology.build(recipe, topics, pieces, metrics), properties);
  }

  /** Everything the topology wrote, by topic. */
  private record Output(
      List<TestRecord<String, PretrainingExample>> examples,
      List<TestRecord<String, PretrainingExample>> eval,
      List<TestRecord<String, byte[]>> deadLetters) {}

  private Output run(WordPieces pieces, List<byte[]> payloads, List<String> keys) {
    return run(pieces, payloads, keys, new StreamMetrics(new SimpleMeterRegistry()));
  }

  private Output run(
      WordPieces pieces, List<byte[]> payloads, List<String> keys, StreamMetrics metrics) {
    return run(RECIPE, pieces, payloads, keys, metrics);
  }

  private Output run(
      RecipeConfig recipe,
      WordPieces pieces,
      List<byte[]> payloads,
      List<String> keys,
      StreamMetrics metrics) {
    try (TopologyTestDriver driver = driver(recipe, pieces, topics(), metrics)) {
      TestInputTopic<String, byte[]> docs =
          driver.createInputTopic("t.docs", new StringSerializer(), new ByteArraySerializer());
      for (int i = 0; i < payloads.size(); i++) {
        docs.pipeInput(keys.get(i), payloads.get(i), Instant.ofEpochMilli(5_000 + i));
      }
      TestOutputTopic<String, PretrainingExample> examples =
          driver.createOutputTopic(
              "t.examples",
              new StringDeserializer(),
              PlainAvro.deserializer(PretrainingExample.class));
      TestOutputTopic<String, PretrainingExample> eval =
          driver.createOutputTopic(
              "t.examples.eval",
              new StringDeserializer(),
              PlainAvro.deserializer(PretrainingExample.class));
      TestOutputTopic<String, byte[]> dlq =
          driver.createOutputTopic(
              "t.docs.dlq", new StringDeserializer(), new ByteArrayDeserializer());
      return new Output(
          examples.readRecordsToList(), eval.readRecordsToList(), dlq.readRecordsToList());
    }
  }

  private static byte[] payload(String id, String text) {
    return PlainAvro.<RawDocument>serializer().serialize("t.docs", document(id, text));
  }

  private static List<TestRecord<String, PretrainingExample>> all(Output output) {
    List<TestRecord<String, PretrainingExample>> all = new ArrayList<>(output.examples());
    all.addAll(output.eval());
    return all;
  }

  private static List<String> exampleIds(Output output) {
    return all(output).stream().map(r -> r.value().getId()).sorted().toList();
  }

  @Test
  void shouldTurnADocumentFedTwiceIntoExamplesOnceAndCountTheRepeat() {
    List<byte[]> once = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      once.add(payload("doc-" + i, texts.get(i)));
      keys.add("doc-" + i);
    }
    List<byte[]> twice = new ArrayList<>(once);
    twice.addAll(once);
    twice.add(payload("empty", " "));
    twice.add(payload("empty", " "));
    List<String> twiceKeys = new ArrayList<>(keys);
    twiceKeys.addAll(keys);
    twiceKeys.add("empty");
    twiceKeys.add("empty");
    StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());

    Output fedOnce = run(wordPieces, once, keys);
    Output fedTwice = run(wordPieces, twice, twiceKeys, metrics);

    assertThat(exampleIds(fedTwice)).isEqualTo(exampleIds(fedOnce)).doesNotHaveDuplicates();
    assertThat(all(fedTwice).stream().map(TestRecord::value).toList())
        .containsExactlyInAnyOrderElementsOf(all(fedOnce).stream().map(TestRecord::value).toList());
    assertThat(metrics.duplicates()).isEqualTo(11);
    // A document dead-lettered once is not dead-lettered again when fed again.
    assertThat(fedTwice.deadLetters()).extracting(TestRecord::key).containsExactly("empty");
  }

  @Test
  void shouldGiveAChangedDocumentANewVersionWithItsOwnExampleIds() {
    StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
    Output output =
        run(
            wordPieces,
            List.of(
                payload("doc", texts.get(0)),
                payload("other", texts.get(1)),
                payload("doc", texts.get(2)),
                payload("doc", texts.get(2)),
                payload("doc", texts.get(0))),
            List.of("doc", "other", "doc", "doc", "doc"),
            metrics);

    Map<String, List<PretrainingExample>> byLabel = new java.util.TreeMap<>();
    for (TestRecord<String, PretrainingExample> record : all(output)) {
      String id = record.value().getId();
      byLabel
          .computeIfAbsent(id.substring(0, id.lastIndexOf('/')), k -> new ArrayList<>())
          .add(record.value());
      assertThat(record.key()).isEqualTo(record.value().getDocId());
    }
    assertThat(byLabel.keySet()).containsExactly("doc", "doc@v2", "doc@v3", "other");
    assertThat(byLabel.get("doc@v2")).allMatch(e -> e.getDocId().equals("doc"));
    // Each version numbers its examples from 0, and never pairs with another version of itself.
    for (List<PretrainingExample> examples : byLabel.values()) {
      String label = examples.get(0).getId().substring(0, examples.get(0).getId().lastIndexOf('/'));
      assertThat(examples.stream().map(PretrainingExample::getId))
          .containsExactlyInAnyOrderElementsOf(
              java.util.stream.IntStream.range(0, examples.size())
                  .mapToObj(n -> label + "/" + n)
                  .toList());
      assertThat(examples)
          .filteredOn(PretrainingExample::getIsRandomNext)
          .allMatch(e -> !e.getBDocId().equals(e.getDocId()));
    }
    // Version 3 has version 1's text, but its own seeds: not the same examples again.
    assertThat(byLabel.get("doc@v3").get(0).getInputIds())
        .isNotEqualTo(byLabel.get("doc").get(0).getInputIds());
    assertThat(metrics.duplicates()).isEqualTo(1);
  }

  private Output runDocuments(WordPieces pieces) {
    return runDocuments(RECIPE, pieces);
  }

  private Output runDocuments(RecipeConfig recipe, WordPieces pieces) {
    List<byte[]> payloads = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      keys.add("doc-" + i);
      payloads.add(
          PlainAvro.<RawDocument>serializer()
              .serialize("t.docs", document("doc-" + i, texts.get(i))));
    }
    return run(recipe, pieces, payloads, keys, new StreamMetrics(new SimpleMeterRegistry()));
  }

  @Test
  void shouldTurnEveryDocumentIntoFramedExamplesKeyedByDocumentId() {
    Output output = runDocuments(wordPieces);
    assertThat(output.deadLetters()).isEmpty();
    List<TestRecord<String, PretrainingExample>> all = new ArrayList<>(output.examples());
    all.addAll(output.eval());
    assertThat(all).hasSizeGreaterThan(texts.size());
    assertThat(all.stream().map(TestRecord::key).distinct()).hasSize(texts.size());
    for (TestRecord<String, PretrainingExample> record : all) {
      PretrainingExample example = record.value();
      assertThat(example.getDocId()).isEqualTo(record.key());
      assertThat(example.getId()).startsWith(record.key() + "/");
      assertThat(example.getInputIds().size()).isLessThanOrEqualTo(RECIPE.maxSeqLength());
      assertThat(example.getInputIds().get(0)).isEqualTo(wordPieces.clsId());
      assertThat(example.getInputIds().get(example.getSegmentBStart() - 1))
          .isEqualTo(wordPieces.sepId());
      assertThat(example.getTokenizerId()).isEqualTo(wordPieces.fingerprint());
      assertThat(example.getCreatedAt()).isAfterOrEqualTo(Instant.ofEpochMilli(5_000));
      if (example.getIsRandomNext()) {
        assertThat(example.getBDocId()).isNotEqualTo(example.getDocId());
      } else {
        assertThat(example.getBDocId()).isEqualTo(example.getDocId());
      }
    }
    assertThat(all).anyMatch(r -> r.value().getIsRandomNext());
    assertThat(all).anyMatch(r -> !r.value().getIsRandomNext());
  }

  @Test
  void shouldRouteWholeDocumentsToEvalByTheHashOfTheirId() {
    Output output = runDocuments(wordPieces);
    EvalSplit split = new EvalSplit(RECIPE.evalFraction());
    assertThat(output.eval()).isNotEmpty().allMatch(r -> split.isEval(r.key()));
    assertThat(output.examples()).isNotEmpty().noneMatch(r -> split.isEval(r.key()));
    // Held-out text never leaks into training examples as a random B.
    assertThat(output.examples()).noneMatch(r -> split.isEval(r.value().getBDocId()));
  }

  @Test
  void shouldBalanceEvalNextSentencePairsAndMaskOnlyHeldOutText() {
    Output output = runDocuments(wordPieces);
    EvalSplit split = new EvalSplit(RECIPE.evalFraction());
    List<PretrainingExample> eval = output.eval().stream().map(TestRecord::value).toList();
    // The first eval document finds no other eval document in its partition: it borrows B.
    String firstEvalDoc = eval.get(0).getDocId();
    assertThat(eval)
        .filteredOn(e -> e.getDocId().equals(firstEvalDoc))
        .anyMatch(PretrainingExample::getIsRandomNext);
    long random = eval.stream().filter(PretrainingExample::getIsRandomNext).count();
    assertThat((double) random / eval.size()).isBetween(0.35, 0.65);
    for (PretrainingExample example : eval) {
      if (!split.isEval(example.getBDocId())) {
        // B is training text: none of its tokens is a masked-LM label.
        assertThat(example.getIsRandomNext()).isTrue();
        assertThat(example.getMaskedPositions()).isNotEmpty();
        assertThat(example.getMaskedPositions())
            .allSatisfy(p -> assertThat(p).isLessThan(example.getSegmentBStart()));
      }
    }
    assertThat(eval).anyMatch(e -> !split.isEval(e.getBDocId()));
  }

  /**
   * {@link #digest} of {@code runDocuments(RECIPE)} as the stream wrote it before documents could
   * be copied (commit 8628be3): a dupe factor of 1 must not change a byte of it.
   */
  private static final String BEFORE_COPIES =
      "c72c9b493f99434cf1ec96796050066c9356e1735798ca53d2634284a01889f5";

  @Test
  void shouldWriteTheSameBytesAsBeforeCopiesExistedWithOneCopy() {
    assertThat(RECIPE.dupeFactor()).isEqualTo(1);
    assertThat(digest(runDocuments(wordPieces))).isEqualTo(BEFORE_COPIES);
  }

  @Test
  void shouldAddCopiesOfTrainingDocumentsAndLeaveTheFirstCopyAndEvalAsTheyWere() {
    Output three = runDocuments(RECIPE.withDupeFactor(3), wordPieces);

    // Copy 0 of every document, train and eval, is byte for byte what one copy gives.
    Output firstCopies =
        new Output(
            three.examples().stream().filter(r -> copyOf(r.value()) == 0).toList(),
            three.eval().stream().filter(r -> copyOf(r.value()) == 0).toList(),
            three.deadLetters());
    assertThat(digest(firstCopies)).isEqualTo(BEFORE_COPIES);
    assertThat(three.eval()).allMatch(r -> copyOf(r.value()) == 0);
    assertThat(three.examples().stream().map(r -> copyOf(r.value())).distinct())
        .containsExactlyInAnyOrder(0, 1, 2);
    assertThat(exampleIds(three)).doesNotHaveDuplicates();
  }

  /** The copy an example belongs to: {@code k} in {@code <label>#<k>/<n>}, 0 without it. */
  private static int copyOf(PretrainingExample example) {
    String label = example.getId().substring(0, example.getId().lastIndexOf('/'));
    int hash = label.lastIndexOf('#');
    return hash < 0 ? 0 : Integer.parseInt(label.substring(hash + 1));
  }

  /** SHA-256 over every example record, topic by topic, in the order written. */
  private static String digest(Output output) {
    java.security.MessageDigest sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (List<TestRecord<String, PretrainingExample>> topic :
        List.of(output.examples(), output.eval())) {
      sha.update((byte) '|');
      for (TestRecord<String, PretrainingExample> record : topic) {
        sha.update(record.key().getBytes(StandardCharsets.UTF_8));
        sha.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        sha.update(PlainAvro.<PretrainingExample>serializer().serialize("t", record.value()));
      }
    }
    return java.util.HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void shouldGiveTheSameExamplesOnEveryRun() {
    Output first = runDocuments(wordPieces);
    Output second = runDocuments(wordPieces);
    assertThat(second.examples().stream().map(TestRecord::value).toList())
        .isEqualTo(first.examples().stream().map(TestRecord::value).toList());
  }

  @Test
  void shouldDeadLetterUnusableDocumentsWithTheirReasonAndKeepGoing() {
    byte[] good =
        PlainAvro.<RawDocument>serializer().serialize("t.docs", document("good", texts.get(0)));
    byte[] empty =
        PlainAvro.<RawDocument>serializer().serialize("t.docs", document("empty", "  \n "));
    byte[] oneWord =
        PlainAvro.<RawDocument>serializer().serialize("t.docs", document("short", "Peace"));
    byte[] corrupt = "not avro at all".getBytes(StandardCharsets.UTF_8);
    Output output =
        run(
            wordPieces,
            List.of(corrupt, empty, oneWord, good),
            List.of("corrupt", "empty", "short", "good"));

    assertThat(output.deadLetters())
        .extracting(TestRecord::key)
        .containsExactly("corrupt", "empty", "short");
    assertThat(output.deadLetters())
        .extracting(r -> header(r, "bertstream.dlq.reason"))
        .containsExactly("undecodable", "empty_text", "too_short");
    TestRecord<String, byte[]> first = output.deadLetters().get(0);
    assertThat(first.value()).isEqualTo(corrupt);
    assertThat(header(first, "bertstream.dlq.source")).isEqualTo("t.docs-0@0");
    assertThat(header(first, "bertstream.dlq.stage")).isEqualTo("tokenize");
    List<TestRecord<String, PretrainingExample>> all = new ArrayList<>(output.examples());
    all.addAll(output.eval());
    assertThat(all).isNotEmpty().allMatch(r -> r.key().equals("good"));
  }

  @Test
  void shouldDeadLetterADocumentTheTokenizerFailsOn() {
    WordPieces failing = new FailingWordPieces(wordPieces, "Boom");
    byte[] bad =
        PlainAvro.<RawDocument>serializer()
            .serialize("t.docs", document("bad", "Boom goes the union."));
    byte[] good =
        PlainAvro.<RawDocument>serializer().serialize("t.docs", document("good", texts.get(1)));
    Output output = run(failing, List.of(bad, good), List.of("bad", "good"));
    assertThat(output.deadLetters())
        .singleElement()
        .satisfies(
            r ->
                assertThat(header(r, "bertstream.dlq.reason"))
                    .isEqualTo(DeadLetterReason.TOKENIZER_FAILURE.code()));
    assertThat(output.examples().size() + output.eval().size()).isPositive();
  }

  @Test
  void shouldNeitherDeadLetterNorSkipADocumentWhileTheRegistryCannotServeItsSchema() {
    SchemaRegistryException outage = new SchemaRegistryException(0, 0, "registry unreachable");
    StreamTopics registryDown =
        new StreamTopics(
            "t.docs",
            (topic, bytes) -> {
              throw outage;
            },
            "t.examples",
            "t.examples.eval",
            PlainAvro.serializer(),
            "t.docs.dlq");
    StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
    try (TopologyTestDriver driver = driver(wordPieces, registryDown, metrics)) {
      TestInputTopic<String, byte[]> docs =
          driver.createInputTopic("t.docs", new StringSerializer(), new ByteArraySerializer());
      byte[] good =
          PlainAvro.<RawDocument>serializer().serialize("t.docs", document("good", texts.get(0)));

      assertThatThrownBy(() -> docs.pipeInput("good", good, Instant.ofEpochMilli(5_000)))
          .isInstanceOf(StreamsException.class)
          .hasRootCause(outage);
      assertThat(
              driver
                  .createOutputTopic(
                      "t.docs.dlq", new StringDeserializer(), new ByteArrayDeserializer())
                  .isEmpty())
          .isTrue();
      assertThat(metrics.registry().get("bertstream.dlq.records").counters())
          .allSatisfy(c -> assertThat(c.count()).isZero());
    }
  }

  @Test
  void shouldNotSkipExamplesWhoseSchemaCannotBeRegisteredDuringAnOutage() {
    SchemaRegistryException outage = new SchemaRegistryException(503, 50001, "registry down");
    StreamTopics cannotRegister =
        new StreamTopics(
            "t.docs",
            PlainAvro.deserializer(RawDocument.class),
            "t.examples",
            "t.examples.eval",
            (topic, example) -> {
              throw new SerializationException(
                  "Cannot get a schema id for subject '" + topic + "-value'", outage);
            },
            "t.docs.dlq");
    StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
    try (TopologyTestDriver driver = driver(wordPieces, cannotRegister, metrics)) {
      TestInputTopic<String, byte[]> docs =
          driver.createInputTopic("t.docs", new StringSerializer(), new ByteArraySerializer());
      byte[] good =
          PlainAvro.<RawDocument>serializer().serialize("t.docs", document("good", texts.get(0)));

      assertThatThrownBy(() -> docs.pipeInput("good", good, Instant.ofEpochMilli(5_000)))
          .isInstanceOf(StreamsException.class)
          .hasRootCause(outage);
      assertThat(metrics.registry().get("bertstream.dlq.records").counters())
          .allSatisfy(c -> assertThat(c.count()).isZero());
    }
  }

  @Test
  void shouldConfigureExactlyOnceAndHandlersThatDoNotKillTheApp() {
    Properties properties =
        StreamsSettings.properties(
            TokenizerStreamConfig.of(
                    KafkaConnection.of("b:9092", "http://r").withTopicPrefix("acme"), null)
                .withRecipe(RECIPE)
                .withStandbyReplicas(2)
                .withOps(OpsSettings.OFF),
            new StreamMetrics(new SimpleMeterRegistry()));
    assertThat(properties.get(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo("acme-tokenizer-stream");
    assertThat(properties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(properties.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(2);
    assertThat(properties.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(CountingDeserializationExceptionHandler.class);
    assertThat(properties.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(ResilientProductionExceptionHandler.class);
    assertThat(properties.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(CountingProcessingExceptionHandler.class);
  }

  private static String header(TestRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Throws for any text containing {@code trigger}, like a tokenizer choking on input. */
  private record FailingWordPieces(TestWordPieces delegate, String trigger) implements WordPieces {
    @Override
    public List<int[]> encode(List<String> texts) {
      if (texts.stream().anyMatch(t -> t.contains(trigger))) {
        throw new IllegalStateException("tokenizer failed");
      }
      return delegate.encode(texts);
    }

    @Override
    public String token(int id) {
      return delegate.token(id);
    }

    @Override
    public String fingerprint() {
      return delegate.fingerprint();
    }

    @Override
    public int vocabSize() {
      return delegate.vocabSize();
    }

    @Override
    public int clsId() {
      return delegate.clsId();
    }

    @Override
    public int sepId() {
      return delegate.sepId();
    }

    @Override
    public int maskId() {
      return delegate.maskId();
    }

    @Override
    public boolean isSpecial(int id) {
      return delegate.isSpecial(id);
    }

    @Override
    public boolean isContinuation(int id) {
      return delegate.isContinuation(id);
    }
  }
}
