package io.bertstream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.local.LocalStack;
import io.bertstream.local.registry.EmbeddedSchemaRegistry;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.TopicNames;
import io.bertstream.runtime.Topics;
import io.bertstream.schemas.registry.SchemaRegistryClient;
import io.bertstream.schemas.registry.SchemaRegistryException;
import io.bertstream.schemas.serde.WireFormat;
import io.bertstream.tokenizer.BertTokenizer;
import io.bertstream.trainer.checkpoint.CheckpointStore;
import io.bertstream.trainer.checkpoint.LedgerEntry;
import io.bertstream.trainer.checkpoint.StoredCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's fault scenarios on the real embedded broker, each compared exactly with one
 * undisturbed run of the same examples ({@link RunComparison}): SIGKILLs at random instants, the
 * broker stopped and restarted on its data dir mid-training, and the schema registry unreachable
 * when the reader meets a schema it has not seen. The suite runs them at {@link Size#SUITE}, the
 * fault report at {@link Size#FULL}.
 */
final class TrainerFaultScenarios {

  /**
   * How big the scenarios are.
   *
   * @param examples examples published (at least four per step)
   * @param steps steps of every run
   * @param kills SIGKILLs of the random-kill scenario
   * @param brokerOutage how long the broker stays down
   * @param maxKillDelay the longest random wait after the step a kill aims at: a kill lands
   *     anywhere in the steps and checkpoint writes that follow it
   */
  record Size(int examples, long steps, int kills, Duration brokerOutage, Duration maxKillDelay) {

    static final Size SUITE = new Size(99, 24, 5, Duration.ofSeconds(3), Duration.ofMillis(200));
    static final Size FULL = new Size(650, 160, 32, Duration.ofSeconds(20), Duration.ofMillis(300));
  }

  private static final int PARTITIONS = 3;
  private static final int BATCH = 4;
  private static final int OUTAGE_CHECKPOINT_EVERY = 8;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
  // One kill in this many lands in start-up (JVM, engine, restore, reader) instead of training.
  private static final int STARTUP_KILL_ONE_IN = 6;
  private static final int STARTUP_WINDOW_MS = 4000;

  private static final Logger LOG = LoggerFactory.getLogger(TrainerFaultScenarios.class);

  private final EmbeddedStackExtension stack;
  private final Path workDir;
  private final Size size;
  private final long seed;
  private final Path vocab;
  private final List<PretrainingExample> examples = new ArrayList<>();
  private Path reference;

  TrainerFaultScenarios(EmbeddedStackExtension stack, Path workDir, Size size, long seed)
      throws IOException {
    this.stack = stack;
    this.workDir = workDir;
    this.size = size;
    this.seed = seed;
    this.vocab = TestExamples.writeVocab(workDir);
    try (BertTokenizer tokenizer = BertTokenizer.load(vocab)) {
      for (int i = 0; i < size.examples(); i++) {
        examples.add(TestExamples.example(tokenizer.fingerprint(), TestRuns.SEED, i));
      }
    }
  }

  /** The undisturbed run's checkpoint directory, trained on first use. */
  Path reference() throws Exception {
    if (reference == null) {
      KafkaConnection connection = stack.connection("faults-reference", PARTITIONS);
      TestRuns.produce(connection, connection.topics().examples(), examples, PARTITIONS);
      Path dir = workDir.resolve("reference");
      TrainResult result = new TrainerService().run(config(connection, dir).build());
      assertThat(result.step()).isEqualTo(size.steps());
      reference = dir;
    }
    return reference;
  }

  /**
   * A trainer in a child JVM, SIGKILLed {@code size.kills()} times at seeded random instants and
   * restarted each time, then run to the end. Each kill aims at a random step past the newest
   * checkpoint ({@link #aimLimit}) and waits a random time after it, so kills fall in steps, in
   * checkpoint writes and between a checkpoint and its commit; one in {@value #STARTUP_KILL_ONE_IN}
   * falls in start-up instead.
   */
  TrainerFaultOutcome randomKills(String prefix) throws Exception {
    Path expected = reference();
    KafkaConnection connection = stack.connection(prefix, PARTITIONS);
    TestRuns.produce(connection, connection.topics().examples(), examples, PARTITIONS);
    Path dir = workDir.resolve(prefix);
    String[] args = {
      stack.bootstrapServers(),
      stack.schemaRegistryUrl(),
      prefix,
      vocab.toString(),
      dir.toString(),
      Long.toString(size.steps()),
      "none"
    };
    CheckpointStore store = new CheckpointStore(dir, 3);
    Random random = new Random(seed);
    List<Kill> pending = new ArrayList<>();
    List<Duration> recoveries = new ArrayList<>();
    Map<String, Integer> placements = new TreeMap<>();
    long frontier = 0;
    int kills = 0;
    for (int run = 0; kills < size.kills(); run++) {
      long resumed = store.latest().map(StoredCheckpoint::step).orElse(0L);
      if (resumed >= size.steps() - 1) {
        break;
      }
      List<Path> temps = temporaryDirectories(dir);
      try (TrainerProcess child =
          TrainerProcess.start(dir.resolveSibling(prefix + "-" + run + ".log"), args)) {
        if (random.nextInt(STARTUP_KILL_ONE_IN) == 0) {
          // Anywhere from the JVM's start to its first step (engine, restore, reader).
          child.awaitStep(resumed + 1, Duration.ofMillis(random.nextInt(STARTUP_WINDOW_MS)));
        } else {
          long target = resumed + 1 + random.nextInt((int) (aimLimit(kills, resumed) - resumed));
          assertThat(child.awaitStep(target, RUN_TIMEOUT))
              .as("step reached")
              .isGreaterThanOrEqualTo(target);
          Thread.sleep(random.nextInt((int) size.maxKillDelay().toMillis() + 1));
        }
        Instant killedAt = Instant.now();
        boolean killed = child.kill();
        recovered(pending, child, null, recoveries);
        frontier = Math.max(frontier, child.lastStep());
        if (killed) {
          pending.add(new Kill(killedAt, frontier));
          kills++;
          String where = placement(dir, prefix + ".trainer", resumed, temps, child.lastStep());
          placements.merge(where, 1, Integer::sum);
          LOG.info(
              "kill {} (run {}, resumed at step {}): last step reported {}, {}",
              kills,
              run,
              resumed,
              child.lastStep(),
              where);
        }
      }
    }
    LOG.info("{} kills: {}", kills, placements);
    assertThat(kills).as("kills").isEqualTo(size.kills());
    try (TrainerProcess child =
        TrainerProcess.start(dir.resolveSibling(prefix + "-final.log"), args)) {
      assertThat(child.awaitExit(RUN_TIMEOUT)).as("exit status of the last run").isZero();
      recovered(pending, child, Instant.now(), recoveries);
    }
    assertThat(pending).as("kills not recovered from").isEmpty();
    return outcome("trainer: SIGKILL at random instants", expected, dir, kills, recoveries);
  }

  /**
   * The last step kill {@code kill} (from 0) may aim at: kills spread over the first two thirds of
   * the run, so the steps after the last aim outlast any kill delay and every kill finds the child
   * running. Never below the step after the checkpoint it resumes from.
   */
  private long aimLimit(int kill, long resumed) {
    long spread = (kill + 1) * size.steps() * 2 / (3L * size.kills());
    return Math.max(resumed + 1, spread);
  }

  /**
   * An in-process trainer whose broker (and the registry beside it) stops right after the commit of
   * a seeded random checkpoint, stays down {@code size.brokerOutage()} and starts again on the same
   * data dir and ports. The trainer fetches one record per partition per request, so it runs out of
   * fetched examples during the outage and must wait for the broker; the run goes on when it is
   * back.
   */
  TrainerFaultOutcome brokerRestart(String prefix) throws Exception {
    Path expected = reference();
    LocalStack.Config config =
        new LocalStack.Config(
            workDir.resolve(prefix + "-stack"), freePort(), freePort(), PARTITIONS);
    TopicNames topics = new TopicNames(prefix);
    LocalStack[] running = {LocalStack.start(config, topics)};
    try {
      KafkaConnection connection = running[0].connection(prefix);
      TestRuns.produce(connection, connection.topics().examples(), examples, PARTITIONS);
      // Stops right after a checkpoint's commit; the next checkpoint is further away than the
      // reader runs ahead (one record per partition per fetch, one batch queued), so the trainer
      // runs out of fetched examples during the outage and waits for them.
      int checkpoints = (int) (size.steps() / OUTAGE_CHECKPOINT_EVERY);
      long stopAt = OUTAGE_CHECKPOINT_EVERY * (1 + new Random(seed).nextInt(checkpoints - 1));
      StepClock clock = StepClock.afterCommitOf(stopAt);
      Path dir = workDir.resolve(prefix);
      KafkaConnection oneRecordPerFetch =
          connection.withClientProperties(
              Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1"));
      TrainerConfig trainer =
          config(oneRecordPerFetch, dir)
              .checkpointEvery(OUTAGE_CHECKPOINT_EVERY)
              .prefetch(1)
              .build();
      FutureTask<TrainResult> run = background(trainer, clock);

      // The trainer holds after that commit until the broker is gone.
      clock.awaitTarget(RUN_TIMEOUT);
      Instant stopped = Instant.now();
      running[0].close();
      clock.release();
      Thread.sleep(size.brokerOutage().toMillis()); // the outage itself
      long trainedWhileDown = clock.last();
      running[0] = LocalStack.start(config, topics);
      TrainResult result = run.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

      LOG.info(
          "broker stopped after the checkpoint of step {}; {} steps trained while it was down",
          stopAt,
          trainedWhileDown - stopAt);
      assertThat(trainedWhileDown)
          .as("steps trained without the broker: it waited for examples, not for a commit")
          .isLessThan(stopAt + OUTAGE_CHECKPOINT_EVERY);
      assertThat(result.step()).isEqualTo(size.steps());
      assertThat(result.skippedRecords()).isZero();
      Duration recovery = Duration.between(stopped, clock.at(trainedWhileDown + 1));
      return outcome(
          "trainer: broker stopped for "
              + size.brokerOutage().toSeconds()
              + " s mid-training, restarted on its data dir",
          expected,
          dir,
          1,
          List.of(recovery));
    } finally {
      running[0].close();
    }
  }

  /**
   * An in-process trainer reads examples, then the registry it uses becomes unreachable and
   * examples written with a newer schema (one the reader has not fetched yet) arrive. The reader
   * must not skip them: the run stops after a final checkpoint of what it trained. When the
   * registry is back on the same port, a restart resumes exactly.
   */
  TrainerFaultOutcome registryOutage(String prefix) throws Exception {
    Path expected = reference();
    KafkaConnection connection = stack.connection(prefix, PARTITIONS);
    String topic = connection.topics().examples();
    // A whole number of rounds over the partitions and of batches: the first part ends on a batch
    // boundary with the round-robin cursor back at the first partition, as in the reference.
    int firstPart = (int) Math.max(1, size.steps() / 4) * PARTITIONS * BATCH;
    TestRuns.produce(connection, topic, examples.subList(0, firstPart), PARTITIONS);
    int newerSchema = registerNewerSchema(connection);
    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), 0);
    int port = registry.port();
    Path dir = workDir.resolve(prefix);
    TrainerConfig config =
        config(connection.withEndpoints(connection.bootstrapServers(), registry.url()), dir)
            .build();
    long firstSteps = firstPart / BATCH;
    StepClock clock = StepClock.afterStep(firstSteps);
    FutureTask<TrainResult> run = background(config, clock);
    try {
      clock.awaitTarget(RUN_TIMEOUT);
    } finally {
      registry.close();
    }
    Instant outage = Instant.now();
    produceWithSchema(
        connection, topic, examples.subList(firstPart, examples.size()), firstPart, newerSchema);
    Throwable stopped =
        catchThrowable(() -> run.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    assertThat(stopped)
        .as("the run's end")
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("while the schema registry fails");
    assertThat(new CheckpointStore(dir, 3).latest().orElseThrow().step()).isEqualTo(firstSteps);
    List<LedgerEntry> beforeOutage = Journals.readLedger(dir);
    assertThat(beforeOutage).isEqualTo(Journals.readLedger(expected).subList(0, (int) firstSteps));

    registry = EmbeddedSchemaRegistry.start(stack.bootstrapServers(), port);
    try {
      StepClock resumed = StepClock.afterStep(firstSteps + 1);
      TrainResult result = new TrainerService().run(config, resumed);
      assertThat(result.step()).isEqualTo(size.steps());
      assertThat(result.skippedRecords()).isZero();
      return outcome(
          "trainer: schema registry unreachable for a new schema id (run stops, restart resumes)",
          expected,
          dir,
          1,
          List.of(Duration.between(outage, resumed.at(firstSteps + 1))));
    } finally {
      registry.close();
    }
  }

  private TrainerFaultOutcome outcome(
      String scenario, Path expected, Path actual, int faults, List<Duration> recoveries)
      throws IOException {
    RunComparison.assertSameRun(expected, actual);
    List<LedgerEntry> expectedLedger = Journals.readLedger(expected);
    List<LedgerEntry> actualLedger = Journals.readLedger(actual);
    RunComparison.assertEachOffsetOnceInOrder(actualLedger, size.steps() * BATCH);
    TrainerFaultOutcome outcome =
        new TrainerFaultOutcome(
            scenario,
            examples.size(),
            size.steps(),
            RunComparison.examplesTrained(actualLedger),
            RunComparison.lost(expectedLedger, actualLedger),
            RunComparison.trainedTwice(actualLedger),
            faults,
            recoveries);
    LOG.info("fault table row: {}", outcome.row());
    return outcome;
  }

  /**
   * Where a kill landed, told by what the killed run left behind.
   *
   * @param resumed the newest checkpoint's step when the run started
   * @param temps the temporary checkpoint directories there were then
   */
  private String placement(Path dir, String group, long resumed, List<Path> temps, long lastStep)
      throws Exception {
    if (!temps.containsAll(temporaryDirectories(dir))) {
      return "inside a checkpoint write";
    }
    Optional<StoredCheckpoint> latest = new CheckpointStore(dir, 3).latest();
    if (latest.isPresent() && latest.get().step() > resumed) {
      Map<Integer, Long> committed = new HashMap<>();
      stack
          .admin()
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .forEach((partition, offset) -> committed.put(partition.partition(), offset.offset()));
      if (!committed.equals(latest.get().manifest().input().nextOffsets())) {
        return "between a checkpoint and its offset commit";
      }
    }
    return lastStep < 0 ? "before the run's first step" : "between checkpoints";
  }

  private static List<Path> temporaryDirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(path -> path.getFileName().toString().startsWith(".tmp-")).toList();
    }
  }

  private TrainerConfig.Builder config(KafkaConnection connection, Path dir) {
    return TestRuns.config(connection, vocab, dir, size.steps());
  }

  /**
   * Each pending kill whose progress {@code child} went past (or all of them, when it finished at
   * {@code finished}) is recovered: its time to recover goes to {@code recoveries}.
   */
  private static void recovered(
      List<Kill> pending, TrainerProcess child, Instant finished, List<Duration> recoveries) {
    for (var kills = pending.iterator(); kills.hasNext(); ) {
      Kill kill = kills.next();
      Instant past = child.reportedAt(kill.frontier() + 1);
      Instant at = past != null ? past : finished;
      if (at != null) {
        recoveries.add(Duration.between(kill.at(), at));
        kills.remove();
      }
    }
  }

  /** The trainer's first run in a thread of its own. */
  private static FutureTask<TrainResult> background(
      TrainerConfig config, TrainingListener listener) {
    FutureTask<TrainResult> task =
        new FutureTask<>(() -> new TrainerService().run(config, listener));
    Thread thread = new Thread(task, "trainer-under-fault");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /**
   * Registers a newer version of the examples' schema (one more optional field) and returns its id:
   * records written with it decode to the same examples, but a reader must fetch the schema.
   */
  private static int registerNewerSchema(KafkaConnection connection) {
    Schema current = PretrainingExample.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : current.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(
        new Schema.Field(
            "producer_note",
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "a field a newer producer added",
            Schema.Field.NULL_DEFAULT_VALUE));
    Schema newer =
        Schema.createRecord(
            current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    return SchemaRegistryClient.create(connection.registryConfig())
        .register(WireFormat.subject(connection.topics().examples(), false), newer);
  }

  /**
   * Produces {@code examples} as the newer schema writes them, the i-th to partition {@code (first
   * + i) % partitions}: Avro's binary record is its fields in order, so it is the current encoding
   * followed by the new field's null branch (one zero byte), under the newer schema's id.
   */
  private static void produceWithSchema(
      KafkaConnection connection,
      String topic,
      List<PretrainingExample> examples,
      int first,
      int schemaId)
      throws Exception {
    Map<String, Object> config = connection.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (Serializer<PretrainingExample> current =
            Topics.create(connection).examples().valueSerde().serializer();
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < examples.size(); i++) {
        PretrainingExample example = examples.get(i);
        byte[] encoded = current.serialize(topic, example);
        byte[] newer = Arrays.copyOf(encoded, encoded.length + 1);
        WireFormat.writeHeader(newer, schemaId);
        producer
            .send(new ProducerRecord<>(topic, (first + i) % PARTITIONS, example.getDocId(), newer))
            .get();
      }
    }
  }

  /** A loopback port free a moment ago: the restarted broker must come back on the same one. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A kill and the step the trainer had reached by then.
   *
   * @param frontier the highest step any run had trained when the kill came
   */
  private record Kill(Instant at, long frontier) {}

  /** When each step was first trained, and a latch on one step or one checkpoint's commit. */
  private static final class StepClock implements TrainingListener {

    private final long target;
    private final boolean onCommit;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private final Map<Long, Instant> times = new ConcurrentHashMap<>();
    private final AtomicLong last = new AtomicLong();

    private StepClock(long target, boolean onCommit) {
      this.target = target;
      this.onCommit = onCommit;
    }

    static StepClock afterStep(long step) {
      return new StepClock(step, false);
    }

    /** Latches on the commit of {@code step}'s checkpoint and holds the trainer there. */
    static StepClock afterCommitOf(long step) {
      return new StepClock(step, true);
    }

    /** Lets a trainer held at the target commit go on. */
    void release() {
      held.countDown();
    }

    @Override
    public void stepTrained(long step) {
      times.putIfAbsent(step, Instant.now());
      last.set(step);
      if (step == target && !onCommit) {
        reached.countDown();
      }
    }

    @Override
    public void offsetsCommitted(long step) {
      if (step == target && onCommit) {
        reached.countDown();
        try {
          if (!held.await(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("never released after the commit of step " + step);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void awaitTarget(Duration timeout) throws InterruptedException {
      assertThat(reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS))
          .as("step %d trained within %s", target, timeout)
          .isTrue();
    }

    long last() {
      return last.get();
    }

    Instant at(long step) {
      Instant at = times.get(step);
      assertThat(at).as("time of step %d", step).isNotNull();
      return at;
    }
  }
}
