package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.LocalStack;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.runtime.TopicNames;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.tokenizer.BertTokenizer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Fault scenarios of the tokenizer stream on real embedded brokers, each compared record by record
 * with an undisturbed one-instance run of the same documents. The suite runs them on a few
 * documents, the reliability profile on the whole corpus.
 *
 * <p>Faults strike at a chosen point, not after a sleep: the victim is armed to stop inside its
 * stream thread at its N-th example of the phase ({@link PausingProducerInterceptor}), once the
 * broker has acknowledged examples of that still-open transaction; the test checks they lie beyond
 * the committed end of their partitions, then kills the process or stops the broker. Documents are
 * published in phases, each long enough that every live instance gets some, in their corpus order
 * (so each partition sees the same sequence as in the undisturbed run).
 */
final class StreamFaultScenarios {

  static final int PARTITIONS = 6;

  /** The victim stops when about to send this many examples of the phase. */
  static final int PAUSE_AT = 5;

  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(5);

  private final Admin admin;
  private final Function<String, KafkaConnection> connections;
  private final Path tokenizer;
  private final long seed;
  private final Path workDir;
  private final List<RawDocument> documents;

  /**
   * @param admin the shared stack's admin client
   * @param connections the shared stack's topics for a prefix, created with {@link #PARTITIONS}
   * @param tokenizer a tokenizer.json every instance loads
   */
  StreamFaultScenarios(
      Admin admin,
      Function<String, KafkaConnection> connections,
      Path tokenizer,
      long seed,
      Path workDir,
      List<RawDocument> documents) {
    this.admin = admin;
    this.connections = connections;
    this.tokenizer = tokenizer;
    this.seed = seed;
    this.workDir = workDir;
    this.documents = List.copyOf(documents);
  }

  /** Trains the small SOTU tokenizer into {@code dir} and returns its tokenizer.json. */
  static Path trainTokenizer(Path dir) throws IOException {
    try (BertTokenizer tokenizer = Sotu.trainTokenizer(dir, 8000)) {
      assertThat(tokenizer.vocabSize()).isPositive();
    }
    Path file = dir.resolve("tokenizer.json");
    assertThat(file).isRegularFile();
    return file;
  }

  /** One in-process instance, never disturbed: the examples every scenario must reproduce. */
  List<PretrainingExample> undisturbed(String prefix) throws Exception {
    KafkaConnection connection = connections.apply(prefix);
    StackClient client = new StackClient(connection, admin);
    client.produce(documents);
    TokenizerStreamConfig config =
        TokenizerStreamConfig.of(connection.withClientProperties(FaultChild.FAST_GROUP), tokenizer)
            .withRecipe(RecipeConfig.defaults().withSeed(seed))
            .withStateDir(workDir.resolve(prefix + "-state"))
            .withOps(OpsSettings.OFF);
    try (BertTokenizer loaded = BertTokenizer.load(tokenizer);
        TokenizerStream stream =
            TokenizerStream.start(
                config,
                new BertWordPieces(loaded),
                client.streamTopics(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      assertThat(stream.awaitRunning(START_TIMEOUT)).as("reached RUNNING").isTrue();
      return client.examples(client.readAllCommitted(config.applicationId(), outputs(connection)));
    }
  }

  /**
   * Three instances; one is SIGKILLed mid-transaction and replaced by a new pod (fresh state dir),
   * then another is SIGKILLed mid-transaction and restarted as the same pod (its state dir).
   */
  FaultScenarioRun killTwoOfThree(String prefix) throws Exception {
    KafkaConnection connection = connections.apply(prefix);
    StackClient client = new StackClient(connection, admin);
    String applicationId = applicationId(connection);
    StreamGroup group =
        new StreamGroup(admin, applicationId, connection.topics().docs(), PARTITIONS);
    Map<String, ChildInstance> instances = new LinkedHashMap<>();
    Map<String, Set<Integer>> owned = new TreeMap<>();
    List<Duration> recoveries = new ArrayList<>();
    try {
      for (String name : List.of("a", "b", "c")) {
        instances.put(name, start(connection, name, name));
      }
      awaitRunning(instances.values());
      Map<String, Set<Integer>> now = group.awaitOwnedBy(Set.of("a", "b", "c"), START_TIMEOUT);
      addAll(owned, now);

      // Phase 0: every instance commits work, so each has state to lose.
      int published = publish(client, 0, documents.size() / 6, now);
      awaitCaughtUp(client, applicationId);

      // Phase 1: b dies mid-transaction; a new pod (b2, fresh state) replaces it.
      instances.get("b").arm(PAUSE_AT);
      published = publish(client, published, documents.size() / 3, now);
      Instant killed = killMidTransaction(instances.get("b"), connection);
      instances.put("b2", start(connection, "b2", "b2"));
      recoveries.add(Duration.between(killed, awaitCaughtUp(client, applicationId)));
      awaitRunning(List.of(instances.get("b2")));
      now = group.awaitOwnedBy(Set.of("a", "c", "b2"), START_TIMEOUT);
      addAll(owned, now);

      // Phase 2: c dies mid-transaction; it comes back as the same pod (c2 on c's state dir).
      instances.get("c").arm(PAUSE_AT);
      published = publish(client, published, documents.size() / 2, now);
      killed = killMidTransaction(instances.get("c"), connection);
      instances.put("c2", start(connection, "c2", "c"));
      recoveries.add(Duration.between(killed, awaitCaughtUp(client, applicationId)));
      awaitRunning(List.of(instances.get("c2")));
      now = group.awaitOwnedBy(Set.of("a", "b2", "c2"), START_TIMEOUT);
      addAll(owned, now);

      // Phase 3: the rest, to the three that are left.
      assertThat(coveredPartitions(published, documents.size()))
          .as("the last phase reaches every partition, so b2 and c2 get documents")
          .hasSize(PARTITIONS);
      client.produce(documents.subList(published, documents.size()));
      List<ConsumerRecord<String, byte[]>> records =
          client.readAllCommitted(applicationId, outputsAndDeadLetters(connection));
      return result(
          "tokenizer-stream: 2 of 3 instances SIGKILLed mid-transaction",
          connection,
          client,
          records,
          recoveries,
          owned,
          instances.values());
    } finally {
      for (ChildInstance instance : instances.values()) {
        instance.close();
      }
    }
  }

  /**
   * One instance; with a transaction open, the broker (and the registry beside it) stops and starts
   * again on the same data dir and ports.
   */
  FaultScenarioRun restartBroker(String prefix, Path dataDir) throws Exception {
    LocalStack.Config config = new LocalStack.Config(dataDir, freePort(), freePort(), PARTITIONS);
    TopicNames topics = new TopicNames(prefix);
    LocalStack stack = LocalStack.start(config, topics);
    Admin stackAdmin = admin(stack);
    KafkaConnection connection = stack.connection(prefix);
    String applicationId = applicationId(connection);
    Map<String, ChildInstance> instances = new LinkedHashMap<>();
    Map<String, Set<Integer>> owned = new TreeMap<>();
    try {
      StackClient client = new StackClient(connection, stackAdmin);
      ChildInstance instance = start(connection, "x", "x");
      instances.put("x", instance);
      awaitRunning(instances.values());
      Map<String, Set<Integer>> now =
          new StreamGroup(stackAdmin, applicationId, topics.docs(), PARTITIONS)
              .awaitOwnedBy(Set.of("x"), START_TIMEOUT);
      addAll(owned, now);

      // Some examples are committed first; then the broker stops inside a later transaction.
      int published = publish(client, 0, documents.size() / 4, now);
      awaitCaughtUp(client, applicationId);
      instance.arm(PAUSE_AT);
      published = publish(client, published, documents.size() / 2, now);
      pausedMidTransaction(instance, connection);
      Instant stopped = Instant.now();
      stackAdmin.close();
      stack.close();
      instance.resume();
      stack = LocalStack.start(config, topics);
      stackAdmin = admin(stack);
      client = new StackClient(connection, stackAdmin);
      Duration recovery = Duration.between(stopped, awaitCaughtUp(client, applicationId));
      assertThat(instance.alive()).as("the instance outlived the broker restart").isTrue();

      client.produce(documents.subList(published, documents.size()));
      List<ConsumerRecord<String, byte[]>> records =
          client.readAllCommitted(applicationId, outputsAndDeadLetters(connection));
      return result(
          "tokenizer-stream: broker restarted mid-transaction (same data dir)",
          connection,
          client,
          records,
          List.of(recovery),
          owned,
          instances.values());
    } finally {
      for (ChildInstance instance : instances.values()) {
        instance.close();
      }
      stackAdmin.close();
      stack.close();
    }
  }

  private ChildInstance start(KafkaConnection connection, String name, String stateDir)
      throws IOException {
    Path controlDir = workDir.resolve(name + "-control");
    return ChildInstance.start(
        name,
        controlDir,
        workDir.resolve(name + ".log"),
        FaultChild.arguments(
            connection, tokenizer, seed, name, workDir.resolve(stateDir + "-state"), controlDir));
  }

  private static void awaitRunning(Collection<ChildInstance> instances)
      throws InterruptedException {
    for (ChildInstance instance : instances) {
      instance.awaitReport(FaultChildProtocol.RUNNING, START_TIMEOUT);
    }
  }

  /**
   * Publishes the documents from {@code from} up to at least {@code until}, further if needed so
   * that every owner gets at least one; returns the end of the phase.
   */
  private int publish(StackClient client, int from, int until, Map<String, Set<Integer>> owners)
      throws Exception {
    int end = Math.max(until, from + 1);
    while (end < documents.size() && !coversEveryOwner(from, end, owners.values())) {
      end++;
    }
    assertThat(coversEveryOwner(from, end, owners.values()))
        .as("documents %d..%d reach every instance of %s", from, end, owners)
        .isTrue();
    client.produce(documents.subList(from, end));
    return end;
  }

  private boolean coversEveryOwner(int from, int end, Collection<Set<Integer>> owners) {
    Set<Integer> covered = coveredPartitions(from, end);
    return owners.stream().allMatch(mine -> mine.stream().anyMatch(covered::contains));
  }

  private Set<Integer> coveredPartitions(int from, int end) {
    Set<Integer> covered = new HashSet<>();
    for (RawDocument document : documents.subList(from, end)) {
      covered.add(partitionOf(document.getId()));
    }
    return covered;
  }

  /** The partition Kafka's default partitioner picks for a document keyed by its id. */
  static int partitionOf(String documentId) {
    return Utils.toPositive(Utils.murmur2(documentId.getBytes(StandardCharsets.UTF_8)))
        % PARTITIONS;
  }

  /**
   * Waits until {@code victim} has stopped inside a transaction, and checks that the examples the
   * broker acknowledged for it lie beyond the committed end of their partitions (so the transaction
   * is open and written to).
   */
  private static void pausedMidTransaction(ChildInstance victim, KafkaConnection connection)
      throws Exception {
    String report = victim.awaitReport(FaultChildProtocol.PAUSED, START_TIMEOUT);
    Map<TopicPartition, Long> acked = FaultChildProtocol.parseAcked(report);
    assertThat(acked)
        .as("examples of %s written in its open transaction (%s)", victim.name(), victim.log())
        .isNotEmpty();
    Map<TopicPartition, Long> stable = lastStableOffsets(connection, acked.keySet());
    for (Map.Entry<TopicPartition, Long> entry : acked.entrySet()) {
      assertThat(stable.get(entry.getKey()))
          .as("committed end of %s, before %s's uncommitted example", entry.getKey(), victim.name())
          .isLessThanOrEqualTo(entry.getValue());
    }
  }

  private static Instant killMidTransaction(ChildInstance victim, KafkaConnection connection)
      throws Exception {
    pausedMidTransaction(victim, connection);
    Instant killed = Instant.now();
    victim.kill();
    return killed;
  }

  /** The end of what read_committed consumers can see: the last stable offset. */
  private static Map<TopicPartition, Long> lastStableOffsets(
      KafkaConnection connection, Collection<TopicPartition> partitions) {
    Map<String, Object> config = connection.clientConfig();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return consumer.endOffsets(partitions);
    }
  }

  /** When every document published so far is committed by the app. */
  private static Instant awaitCaughtUp(StackClient client, String applicationId) throws Exception {
    Instant deadline = Instant.now().plus(RECOVERY_TIMEOUT);
    while (!client.caughtUp(applicationId)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not caught up within " + RECOVERY_TIMEOUT);
      }
      Thread.sleep(100);
    }
    return Instant.now();
  }

  private FaultScenarioRun result(
      String scenario,
      KafkaConnection connection,
      StackClient client,
      List<ConsumerRecord<String, byte[]>> records,
      List<Duration> recoveries,
      Map<String, Set<Integer>> owned,
      Collection<ChildInstance> instances) {
    List<ConsumerRecord<String, byte[]>> examples = new ArrayList<>();
    int deadLetters = 0;
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.topic().equals(connection.topics().docsDlq())) {
        deadLetters++;
      } else {
        examples.add(record);
      }
    }
    Map<String, Set<TopicPartition>> consumed = new TreeMap<>();
    for (ChildInstance instance : instances) {
      consumed.put(instance.name(), instance.consumed());
    }
    return new FaultScenarioRun(
        scenario,
        documents.size(),
        client.examples(examples),
        deadLetters,
        recoveries,
        owned,
        consumed);
  }

  private static void addAll(Map<String, Set<Integer>> owned, Map<String, Set<Integer>> now) {
    now.forEach((name, mine) -> owned.computeIfAbsent(name, k -> new TreeSet<>()).addAll(mine));
  }

  private static String applicationId(KafkaConnection connection) {
    return TokenizerStreamConfig.of(connection, null).applicationId();
  }

  private static List<String> outputs(KafkaConnection connection) {
    return List.of(connection.topics().examples(), connection.topics().examplesEval());
  }

  private static List<String> outputsAndDeadLetters(KafkaConnection connection) {
    return List.of(
        connection.topics().examples(),
        connection.topics().examplesEval(),
        connection.topics().docsDlq());
  }

  private static Admin admin(LocalStack stack) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
  }

  /** A loopback port free a moment ago: the restarted broker must come back on the same one. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
