package io.bertstream.cli;

import static io.bertstream.local.SecuredStackExtension.REGISTRY_PASSWORD;
import static io.bertstream.local.SecuredStackExtension.REGISTRY_USER;
import static io.bertstream.local.SecuredStackExtension.SECRET_MARK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.KafkaIngest;
import io.bertstream.local.SecuredStackExtension;
import io.bertstream.local.registry.CapturedLogs;
import io.bertstream.runtime.ClientFailures;
import io.bertstream.runtime.ConnectionCheck;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.TopicNames;
import io.bertstream.runtime.inspect.InspectConfig;
import io.bertstream.runtime.inspect.TextRenderers;
import io.bertstream.runtime.inspect.TopicInspector;
import io.bertstream.stream.TokenizerStream;
import io.bertstream.stream.TokenizerStreamConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The commands against a cluster secured as production ones are: the embedded broker serving
 * SASL_SSL (SCRAM-SHA-512) with an ACL per service principal, and the embedded registry serving
 * HTTPS with basic auth. Credentials are given the way users give them: a {@code --config} file,
 * {@code BERTSTREAM_*} variables (a real environment for the tokenize process, the {@link
 * ConfigLayers} seam for in-process runs), and {@code -X}.
 *
 * <p>Every mistake fails within seconds, with exit status 1 and one line that says what to check;
 * no secret is printed anywhere. Every secret here contains {@link
 * SecuredStackExtension#SECRET_MARK}.
 */
class SecuredClusterTest {

  private static final TopicNames TOPICS = new TopicNames("secured");
  private static final TopicNames NO_ACL_TOPICS = new TopicNames("noacl");

  private static final String INGESTOR = "ingestor";
  private static final String INGESTOR_PASSWORD = "ingest-pw-" + SECRET_MARK;
  private static final String TOKENIZER = "tokenizer";
  private static final String TOKENIZER_PASSWORD = "tokenize-pw-" + SECRET_MARK;
  private static final String TRAINER = "trainer";
  private static final String TRAINER_PASSWORD = "train-pw-" + SECRET_MARK;
  private static final String NO_WRITER = "tokenizer-without-examples";
  private static final String NO_WRITER_PASSWORD = "nowrite-pw-" + SECRET_MARK;

  /** What "at once" means on a busy 2-core machine: far below any client's 60 s default. */
  private static final Duration AT_ONCE = Duration.ofSeconds(30);

  /**
   * A stream meets a missing ACL only once it runs, after its first rebalance: a few seconds on an
   * idle machine, 40 s on this busy one; an endless retry would never end.
   */
  private static final Duration STREAM_AT_ONCE = Duration.ofSeconds(120);

  /** Three short addresses of the 1790s: about a hundred examples. */
  private static final int DOCUMENTS = 3;

  @RegisterExtension
  static final SecuredStackExtension STACK =
      new SecuredStackExtension(
          security ->
              security
                  .withUser(INGESTOR, INGESTOR_PASSWORD)
                  .withUser(TOKENIZER, TOKENIZER_PASSWORD)
                  .withUser(TRAINER, TRAINER_PASSWORD)
                  .withUser(NO_WRITER, NO_WRITER_PASSWORD)
                  .withAcls(acls()));

  /** The one-line messages each scenario produced, printed at the end for the record. */
  private static final Map<String, String> SCENARIOS = new TreeMap<>();

  @TempDir static Path dir;
  private static Path corpus;

  private static List<AclBinding> acls() {
    List<AclBinding> acls = new ArrayList<>();
    for (TopicNames topics : List.of(TOPICS, NO_ACL_TOPICS)) {
      acls.addAll(ServiceAcls.ingest(INGESTOR, topics));
      acls.addAll(ServiceAcls.tokenize(TOKENIZER, topics));
      acls.addAll(ServiceAcls.readDocs(TOKENIZER, topics));
      acls.addAll(ServiceAcls.train(TRAINER, topics));
      acls.addAll(ServiceAcls.tokenizeWithoutWritingExamples(NO_WRITER, topics));
    }
    return acls;
  }

  @BeforeAll
  static void createTopicsAndCorpus() throws IOException {
    STACK.connection(TOPICS.prefix(), 2, INGESTOR, INGESTOR_PASSWORD);
    STACK.connection(NO_ACL_TOPICS.prefix(), 1, INGESTOR, INGESTOR_PASSWORD);
    corpus = SotuSlice.write(dir.resolve("corpus.jsonl"), DOCUMENTS);
  }

  @AfterAll
  static void printScenarios() {
    SCENARIOS.forEach((scenario, line) -> System.out.println("scenario " + scenario + ": " + line));
  }

  @Test
  void shouldRunThePipelineWithCredentialsFromAFileTheEnvironmentAndFlagsPrintingNoSecret()
      throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Path tokenizer = dir.resolve("vocab").resolve("tokenizer.json");
    Path tokenizeLog = dir.resolve("tokenize.log");
    Map<String, String> tokenizerEnvironment = tokenizerEnvironment();
    List<Run> runs = new ArrayList<>();
    Process tokenize = null;
    try (CapturedLogs logs = new CapturedLogs()) {
      // ingest: everything in a --config file.
      Path ingestConfig =
          propertiesFile(
              "ingest.properties",
              connectionOptions(),
              STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD));
      runs.add(
          succeeds(
              run(Map.of(), "ingest", "--config", ingestConfig.toString(), corpus.toString())));

      // vocab train --from-topic and tokenize: BERTSTREAM_* variables, the registry's user in its
      // URL.
      Files.createDirectories(tokenizer.getParent());
      runs.add(
          succeeds(
              run(
                  tokenizerEnvironment,
                  "vocab",
                  "train",
                  "--from-topic",
                  TOPICS.docs(),
                  "--vocab-size",
                  "400",
                  "--min-frequency",
                  "1",
                  "--out",
                  tokenizer.toString())));
      tokenize = startTokenize(tokenizerEnvironment, tokenizer, tokenizeLog);
      awaitCommittedExamples(tokenize, tokenizeLog);

      // train: every client property a -X flag.
      List<String> train =
          new ArrayList<>(
              List.of(
                  "train",
                  "--bootstrap-servers",
                  STACK.bootstrapServers(),
                  "--schema-registry-url",
                  STACK.schemaRegistryUrl(),
                  "--topic-prefix",
                  TOPICS.prefix(),
                  "--tokenizer",
                  tokenizer.toString(),
                  "--checkpoint-dir",
                  checkpoints.toString(),
                  "--preset",
                  "tiny",
                  "--max-positions",
                  "64",
                  "--batch-size",
                  "4",
                  "--max-steps",
                  "2",
                  "--checkpoint-every",
                  "2",
                  "--eval-every",
                  "0",
                  "--warmup-steps",
                  "1",
                  "--idle-timeout",
                  "3m",
                  "--tensorboard-dir",
                  "none",
                  "--ops-port",
                  "-1",
                  "--threads",
                  "1"));
      train.addAll(flags(STACK.clientProperties(TRAINER, TRAINER_PASSWORD)));
      Run trained = run(Map.of(), train.toArray(String[]::new));
      Path log = tokenizeLog;
      assertThat(trained.status())
          .as(() -> trained.err() + "\ntokenize's log:\n" + read(log))
          .isZero();
      runs.add(trained);

      List<String> inspect =
          new ArrayList<>(
              List.of("inspect", "examples", "--limit", "2", "--config", ingestConfig.toString()));
      inspect.addAll(flags(STACK.clientProperties(TRAINER, TRAINER_PASSWORD)));
      runs.add(succeeds(run(Map.of(), inspect.toArray(String[]::new))));

      assertThat(trained.out()).contains("trained to step 2 (2 this run, 8 examples");
      Map<?, OffsetAndMetadata> committed =
          STACK
              .admin()
              .listConsumerGroupOffsets(ServiceAcls.trainerGroup(TOPICS))
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      // At least the 8 examples trained on; more where transaction markers lie between them.
      assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
          .as("offsets the trainer committed")
          .isGreaterThanOrEqualTo(8);

      tokenize.destroy();
      assertThat(tokenize.waitFor(2, TimeUnit.MINUTES)).as("tokenize stopped").isTrue();
      String tokenizeOutput = Files.readString(tokenizeLog, StandardCharsets.UTF_8);
      assertThat(tokenizeOutput).as("tokenize's log").contains("stop requested by signal");

      List<String> printed = new ArrayList<>(logs.lines());
      printed.add(tokenizeOutput);
      runs.forEach(r -> printed.addAll(List.of(r.out(), r.err())));
      assertThat(String.join("\n", logs.lines()))
          .as("Kafka logged its clients' settings, secrets hidden")
          .contains("sasl.jaas.config = [hidden]");
      assertThat(printed)
          .as("every log line and output")
          .noneMatch(line -> line.contains(SECRET_MARK));
    } finally {
      if (tokenize != null) {
        tokenize.destroyForcibly();
      }
    }
  }

  @Test
  void shouldRefuseAWrongPasswordInOneLineWhateverTheCommand() throws IOException {
    Map<String, String> wrong = STACK.clientProperties(TOKENIZER, "wrong-" + SECRET_MARK);
    Path tokenizer = Files.writeString(dir.resolve("unused-tokenizer.txt"), "[PAD]\n");
    String[][] commands = {
      {"ingest", corpus.toString()},
      {"vocab", "train", "--from-topic", TOPICS.docs(), "--out", dir.resolve("v.json").toString()},
      {"tokenize", "--tokenizer", tokenizer.toString(), "--ops-port", "-1"},
      {"inspect", "docs"},
      {
        "train",
        "--tokenizer",
        tokenizer.toString(),
        "--checkpoint-dir",
        dir.resolve("c").toString()
      }
    };
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(connectionFlags(TOPICS));
      args.addAll(flags(wrong));

      String name = command[0].equals("vocab") ? "vocab train" : command[0];
      String line = failsInOneLine(run(Map.of(), args.toArray(String[]::new)), name);

      assertThat(line)
          .contains("Kafka refused the login")
          .contains("invalid credentials with SASL mechanism SCRAM-SHA-512")
          .contains("sasl.jaas.config");
      SCENARIOS.put("wrong Kafka password, " + command[0], line);
    }
  }

  @Test
  void shouldTellAClientWithoutCredentialsThatTheClusterWantsThem() throws IOException {
    Map<String, String> noJaas = new HashMap<>(STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD));
    noJaas.remove("sasl.jaas.config");
    Map<String, String> noRegistryUser =
        new HashMap<>(STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD));
    noRegistryUser.remove("basic.auth.user.info");
    noRegistryUser.remove("basic.auth.credentials.source");
    Map<String, String> onlyRegistryTrust = new HashMap<>();
    STACK
        .clientProperties(INGESTOR, INGESTOR_PASSWORD)
        .forEach(
            (key, value) -> {
              if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.")) {
                onlyRegistryTrust.put(key, value);
              }
            });

    String jaas = failsInOneLine(ingest(noJaas), "ingest");
    String plaintext = failsInOneLine(ingest(onlyRegistryTrust), "ingest");
    String registry = failsInOneLine(ingest(noRegistryUser), "ingest");

    assertThat(jaas).contains("cannot set up the Kafka client").contains("sasl.jaas.config");
    assertThat(plaintext)
        .contains("speaks TLS, but this client does not")
        .contains("security.protocol=SASL_SSL");
    assertThat(registry).contains("the schema registry refused").contains("HTTP 401");
    SCENARIOS.put("missing credentials, no sasl.jaas.config", jaas);
    SCENARIOS.put("missing credentials, no Kafka settings at all", plaintext);
    SCENARIOS.put("missing credentials, no registry user", registry);
  }

  @Test
  void shouldRefuseAWrongRegistryPasswordInOneLine() throws IOException {
    Map<String, String> wrong = new HashMap<>(STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD));
    wrong.put("basic.auth.user.info", REGISTRY_USER + ":wrong-" + SECRET_MARK);

    String line = failsInOneLine(ingest(wrong), "ingest");

    assertThat(line).contains("the schema registry refused").contains("HTTP 401");
    SCENARIOS.put("wrong registry password", line);
  }

  @Test
  void shouldRefuseTlsWithACertificateTheClientDoesNotTrustInOneLine() throws IOException {
    Map<String, String> kafka = new HashMap<>(STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD));
    kafka.put("ssl.truststore.location", STACK.strangersTrustStore().toString());
    Map<String, String> registry =
        new HashMap<>(STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD));
    registry.put("schema.registry.ssl.truststore.location", STACK.strangersTrustStore().toString());

    String kafkaLine = failsInOneLine(ingest(kafka), "ingest");
    String registryLine = failsInOneLine(ingest(registry), "ingest");

    assertThat(kafkaLine)
        .contains("TLS with Kafka failed")
        .contains("certification path")
        .contains("ssl.truststore.location");
    assertThat(registryLine)
        .contains("TLS with the schema registry")
        .contains("schema.registry.ssl.truststore.location");
    SCENARIOS.put("TLS mismatch, Kafka", kafkaLine);
    SCENARIOS.put("TLS mismatch, registry", registryLine);
  }

  @Test
  void shouldStopAPrincipalWithoutTheAclItNeedsInOneLine() throws IOException {
    Path tokenizer = writeTokenizer();
    succeeds(ingestAs(INGESTOR, INGESTOR_PASSWORD, NO_ACL_TOPICS));

    List<String> tokenize =
        new ArrayList<>(
            List.of(
                "tokenize",
                "--tokenizer",
                tokenizer.toString(),
                "--max-seq-length",
                "64",
                "--ops-port",
                "-1",
                "--state-dir",
                dir.resolve("noacl-state").toString()));
    tokenize.addAll(connectionFlags(NO_ACL_TOPICS));
    tokenize.addAll(flags(STACK.clientProperties(NO_WRITER, NO_WRITER_PASSWORD)));
    String streams =
        failsInOneLine(run(Map.of(), tokenize.toArray(String[]::new)), "tokenize", STREAM_AT_ONCE);
    String producer =
        failsInOneLine(ingestAs(TOKENIZER, TOKENIZER_PASSWORD, NO_ACL_TOPICS), "ingest");
    List<String> inspect = new ArrayList<>(List.of("inspect", "examples"));
    inspect.addAll(connectionFlags(NO_ACL_TOPICS));
    inspect.addAll(flags(STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD)));
    String consumer = failsInOneLine(run(Map.of(), inspect.toArray(String[]::new)), "inspect");
    List<String> train =
        new ArrayList<>(
            List.of(
                "train",
                "--tokenizer",
                tokenizer.toString(),
                "--checkpoint-dir",
                dir.resolve("noacl-checkpoints").toString(),
                "--preset",
                "tiny",
                "--max-positions",
                "64",
                "--ops-port",
                "-1",
                "--threads",
                "1"));
    train.addAll(connectionFlags(NO_ACL_TOPICS));
    train.addAll(flags(STACK.clientProperties(INGESTOR, INGESTOR_PASSWORD)));
    String trainer = failsInOneLine(run(Map.of(), train.toArray(String[]::new)), "train");

    assertThat(streams).contains("Kafka denied access to topic " + NO_ACL_TOPICS.examples());
    assertThat(producer).contains("Kafka denied access to topic " + NO_ACL_TOPICS.docs());
    assertThat(consumer).contains("Kafka denied access to topic " + NO_ACL_TOPICS.examples());
    assertThat(trainer).contains("Kafka denied access to topic " + NO_ACL_TOPICS.examples());
    SCENARIOS.put("missing ACL, tokenize without WRITE on examples", streams);
    SCENARIOS.put("missing ACL, ingest without WRITE on docs", producer);
    SCENARIOS.put("missing ACL, inspect without READ on examples", consumer);
    SCENARIOS.put("missing ACL, train without READ on examples", trainer);
  }

  /**
   * Without the command line's check first, each client a service starts fails as fast on a wrong
   * password, with a failure the one rule ({@link ClientFailures}) explains.
   */
  @Test
  void shouldFailEveryClientPathAtOnceOnAWrongPassword() throws Exception {
    KafkaConnection wrong =
        new KafkaConnection(
            STACK.bootstrapServers(),
            STACK.schemaRegistryUrl(),
            TOPICS,
            STACK.clientProperties(TRAINER, "wrong-" + SECRET_MARK));
    Path tokenizer = writeTokenizer();
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    Map<String, Throwable> failures = new TreeMap<>();

    failures.put("admin", fails(() -> ConnectionCheck.run(wrong)));
    failures.put(
        "producer",
        fails(
            () ->
                KafkaIngest.ingest(
                    IngestConfig.of(List.of(corpus.toString())),
                    wrong,
                    new ByteArrayInputStream(new byte[0]))));
    failures.put(
        "consumer",
        fails(
            () ->
                new TopicInspector(TextRenderers.defaults())
                    .inspect(
                        new InspectConfig(
                            InspectConfig.Kind.DOCS,
                            Optional.empty(),
                            1,
                            InspectConfig.OutputFormat.JSON,
                            true,
                            Duration.ofSeconds(60)),
                        wrong,
                        nowhere)));
    failures.put(
        "streams",
        fails(
            () ->
                TokenizerStream.run(
                    TokenizerStreamConfig.of(wrong, tokenizer)
                        .withStateDir(dir.resolve("wrong-state"))
                        .withOps(OpsSettings.OFF),
                    stream -> {})));

    failures.forEach(
        (client, failure) ->
            assertThat(ClientFailures.explain(failure))
                .as("%s: %s", client, failure)
                .hasValueSatisfying(line -> assertThat(line).contains("Kafka refused the login")));
  }

  private static Throwable fails(ThrowingRunnable call) {
    long started = System.nanoTime();
    Throwable failure = catchThrowable(call::run);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(AT_ONCE);
    assertThat(failure).isNotNull();
    return failure;
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  /** What a command printed, its exit status and how long it took. */
  private record Run(int status, String out, String err, Duration took) {}

  /** Runs {@code args} as {@code bertstream} does, with {@code environment} as its environment. */
  private static Run run(Map<String, String> environment, String... args) {
    ConfigLayers layers = ConfigLayers.load(args, environment);
    CommandLine commandLine = Bertstream.commandLine(layers);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    long started = System.nanoTime();
    int status = commandLine.execute(args);
    return new Run(
        status, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static Run succeeds(Run run) {
    assertThat(run.status()).as("exit status; stderr: %s", run.err()).isZero();
    return run;
  }

  /**
   * Checks that {@code run} failed at once, with status 1 and one line on stderr naming the
   * command, holding no secret and no stack trace; returns that line.
   */
  private static String failsInOneLine(Run run, String command) {
    return failsInOneLine(run, command, AT_ONCE);
  }

  private static String failsInOneLine(Run run, String command, Duration within) {
    assertThat(run.status()).as("exit status; stderr: %s", run.err()).isEqualTo(1);
    assertThat(run.took()).as("time to fail").isLessThan(within);
    List<String> lines = run.err().lines().toList();
    assertThat(lines).as("stderr").hasSize(1);
    assertThat(lines.get(0)).startsWith("bertstream " + command + ": ").doesNotContain(SECRET_MARK);
    return lines.get(0);
  }

  private static Run ingest(Map<String, String> clientProperties) {
    List<String> args = new ArrayList<>(List.of("ingest", corpus.toString()));
    args.addAll(connectionFlags(TOPICS));
    args.addAll(flags(clientProperties));
    return run(Map.of(), args.toArray(String[]::new));
  }

  private static Run ingestAs(String user, String password, TopicNames topics) {
    List<String> args = new ArrayList<>(List.of("ingest", corpus.toString()));
    args.addAll(connectionFlags(topics));
    args.addAll(flags(STACK.clientProperties(user, password)));
    return run(Map.of(), args.toArray(String[]::new));
  }

  /** Waits until the stream has committed more examples than the trainer needs (8). */
  private static void awaitCommittedExamples(Process tokenize, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (committedOffsets(TOPICS.examples()) < 16) {
      assertThat(tokenize.isAlive()).as(() -> "tokenize runs; its log:\n" + read(log)).isTrue();
      assertThat(System.nanoTime())
          .as(() -> "examples within 5 minutes; tokenize's log:\n" + read(log))
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** The sum of {@code topic}'s last stable offsets (records and transaction markers). */
  private static long committedOffsets(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var partition :
        STACK
            .admin()
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(30, TimeUnit.SECONDS)
            .get(topic)
            .partitions()) {
      latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
    }
    return STACK
        .admin()
        .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(30, TimeUnit.SECONDS)
        .values()
        .stream()
        .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
        .sum();
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** The tokenizer principal's environment: the registry's user and password in its URL. */
  private static Map<String, String> tokenizerEnvironment() throws IOException {
    Map<String, String> kafkaOnly =
        new TreeMap<>(STACK.clientProperties(TOKENIZER, TOKENIZER_PASSWORD));
    kafkaOnly.remove("basic.auth.credentials.source");
    kafkaOnly.remove("basic.auth.user.info");
    Path config = propertiesFile("tokenize.properties", Map.of(), kafkaOnly);
    return Map.of(
        "BERTSTREAM_CONFIG",
        config.toString(),
        "BERTSTREAM_BOOTSTRAP_SERVERS",
        STACK.bootstrapServers(),
        "BERTSTREAM_SCHEMA_REGISTRY_URL",
        STACK
            .schemaRegistryUrl()
            .replace("https://", "https://" + REGISTRY_USER + ":" + REGISTRY_PASSWORD + "@"),
        "BERTSTREAM_TOPIC_PREFIX",
        TOPICS.prefix(),
        "BERTSTREAM_LOG_LEVEL",
        "DEBUG");
  }

  /** {@code bertstream tokenize} in a process of its own, with {@code environment} as its own. */
  private static Process startTokenize(Map<String, String> environment, Path tokenizer, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            Bertstream.class.getName(),
            "tokenize",
            "--tokenizer",
            tokenizer.toString(),
            "--max-seq-length",
            "64",
            "--stream-threads",
            "1",
            "--state-dir",
            dir.resolve("tokenize-state").toString(),
            "--ops-port",
            "-1");
    builder.environment().keySet().removeIf(key -> key.startsWith("BERTSTREAM_"));
    builder.environment().putAll(environment);
    return builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static Map<String, String> connectionOptions() {
    return Map.of(
        "bootstrap-servers", STACK.bootstrapServers(),
        "schema-registry-url", STACK.schemaRegistryUrl(),
        "topic-prefix", TOPICS.prefix());
  }

  private static List<String> connectionFlags(TopicNames topics) {
    return List.of(
        "--bootstrap-servers",
        STACK.bootstrapServers(),
        "--schema-registry-url",
        STACK.schemaRegistryUrl(),
        "--topic-prefix",
        topics.prefix());
  }

  /** {@code -X key=value} for each property. */
  private static List<String> flags(Map<String, String> properties) {
    List<String> flags = new ArrayList<>();
    properties.forEach((key, value) -> flags.addAll(List.of("-X", key + "=" + value)));
    return flags;
  }

  private static Path propertiesFile(
      String name, Map<String, String> options, Map<String, String> clientProperties)
      throws IOException {
    Properties properties = new Properties();
    properties.putAll(options);
    properties.putAll(clientProperties);
    Path file = dir.resolve(name);
    try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, null);
    }
    return file;
  }

  /** A WordPiece vocabulary of the corpus's words, enough for the stream to start on. */
  private static Path writeTokenizer() throws IOException {
    Path tokenizer = dir.resolve("words").resolve("vocab.txt");
    if (Files.exists(tokenizer)) {
      return tokenizer;
    }
    Files.createDirectories(tokenizer.getParent());
    List<String> words = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
    try (Stream<String> lines = Files.lines(corpus, StandardCharsets.UTF_8)) {
      lines
          .flatMap(line -> Stream.of(line.toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")))
          .filter(word -> !word.isEmpty())
          .distinct()
          .forEach(words::add);
    }
    return Files.write(tokenizer, words, StandardCharsets.UTF_8);
  }
}
