package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import io.bertstream.runtime.OpsSettings;
import io.bertstream.stream.recipe.ExampleDraft;
import io.bertstream.stream.recipe.ExampleRecipe;
import io.bertstream.stream.recipe.NspBalance;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.stream.recipe.SentenceSplitter;
import io.bertstream.tokenizer.BertTokenizer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throughput of one tokenizer-stream instance on the whole SOTU corpus (exactly-once on, real
 * embedded broker) next to the bare DJL tokenizer batch-encoding the same texts, plus where the
 * stream's time goes, stage by stage. Prints a table; run with
 *
 * <pre>
 * ./mvnw -B -pl tokenizer-stream -am test -Pbenchmark -Dtest=TokenizerStreamBenchmark
 * </pre>
 */
@Tag("benchmark")
class TokenizerStreamBenchmark {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @TempDir Path dir;

  @Test
  void measureStreamAgainstBareTokenizer() throws Exception {
    List<RawDocument> documents = Sotu.documents(Integer.MAX_VALUE);
    List<String> texts = documents.stream().map(d -> d.getText().strip()).toList();
    RecipeConfig recipe = RecipeConfig.defaults();
    try (BertTokenizer tokenizer = Sotu.trainTokenizer(dir, 30522)) {
      WordPieces pieces = new BertWordPieces(tokenizer);

      // Bare DJL: batch-encode every document at once (warm once first).
      tokenizer.encodeIds(texts.subList(0, 20));
      long bareStart = System.nanoTime();
      long bareTokens = 0;
      for (int[] ids : tokenizer.encodeIds(texts)) {
        bareTokens += ids.length;
      }
      double bareSeconds = seconds(bareStart);

      // The stream, end to end through the broker with exactly-once.
      KafkaConnection connection = STACK.connection("bench", 12);
      StackClient client = new StackClient(connection, STACK.admin());
      client.produce(documents);
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      TokenizerStreamConfig config =
          TokenizerStreamConfig.of(connection, null)
              .withRecipe(recipe)
              .withStateDir(dir.resolve("state"))
              .withOps(OpsSettings.OFF);
      long examples;
      double streamSeconds;
      try (TokenizerStream stream =
          TokenizerStream.start(config, pieces, client.streamTopics(), registry)) {
        assertThat(stream.awaitRunning(Duration.ofMinutes(2))).isTrue();
        long streamStart = System.nanoTime();
        examples =
            client
                .readAllCommitted(
                    config.applicationId(),
                    List.of(connection.topics().examples(), connection.topics().examplesEval()))
                .size();
        streamSeconds = seconds(streamStart);
      }
      double streamTokens = registry.get("bertstream.tokenize.tokens").counter().count();

      // Stage by stage, one thread, no Kafka: where the stream's time goes.
      SentenceSplitter splitter = new SentenceSplitter();
      long t0 = System.nanoTime();
      List<List<String>> sentences = new ArrayList<>();
      for (String text : texts) {
        sentences.add(splitter.split(text));
      }
      double splitSeconds = seconds(t0);
      long t1 = System.nanoTime();
      List<List<int[]>> encoded = new ArrayList<>();
      for (List<String> doc : sentences) {
        encoded.add(pieces.encode(doc));
      }
      double encodeSeconds = seconds(t1);
      MockProcessorContext<String, PretrainingExample> context = new MockProcessorContext<>();
      KeyValueStore<String, ReservoirRun> runs =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore("runs"),
                  org.apache.kafka.common.serialization.Serdes.String(),
                  new ReservoirRunSerde())
              .withLoggingDisabled()
              .build();
      KeyValueStore<String, Long> counters =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore("counters"),
                  org.apache.kafka.common.serialization.Serdes.String(),
                  org.apache.kafka.common.serialization.Serdes.Long())
              .withLoggingDisabled()
              .build();
      runs.init(context.getStateStoreContext(), runs);
      counters.init(context.getStateStoreContext(), counters);
      ExampleRecipe examplesRecipe = new ExampleRecipe(recipe, pieces);
      SentenceReservoir reservoir =
          new SentenceReservoir(
              runs, counters, "train", recipe.reservoirSize(), recipe.maxNumTokens());
      NspBalance balance = new NspBalance(0);
      long t2 = System.nanoTime();
      List<ExampleDraft> drafts = new ArrayList<>();
      for (int d = 0; d < documents.size(); d++) {
        drafts.addAll(
            examplesRecipe.examples(
                documents.get(d).getId(), nonEmpty(encoded.get(d)), reservoir, balance));
        reservoir.add(
            documents.get(d).getId(),
            nonEmpty(encoded.get(d)),
            new io.bertstream.stream.recipe.Seeds(recipe.seed()));
      }
      double recipeSeconds = seconds(t2);
      Serializer<PretrainingExample> serializer = PlainAvro.serializer();
      long t3 = System.nanoTime();
      for (ExampleDraft draft : drafts) {
        serializer.serialize(
            "x",
            PretrainingExample.newBuilder()
                .setId("d/" + draft.index())
                .setDocId("d")
                .setBDocId(draft.bDocId())
                .setInputIds(boxed(draft.inputIds()))
                .setSegmentBStart(draft.segmentBStart())
                .setMaskedPositions(boxed(draft.maskedPositions()))
                .setMaskedLabels(boxed(draft.maskedLabels()))
                .setIsRandomNext(draft.randomNext())
                .setTokenizerId("t")
                .setCreatedAt(java.time.Instant.EPOCH)
                .build());
      }
      double avroSeconds = seconds(t3);

      double bareRate = bareTokens / bareSeconds;
      double streamRate = streamTokens / streamSeconds;
      System.out.println(
          String.format(
              Locale.ROOT,
              "%n| measure | value |%n|---|---|%n"
                  + "| documents | %d |%n| bare DJL batch encode | %.0f tokens/s (%d tokens in %.2f s) |%n"
                  + "| stream, EOS, 1 instance | %.0f tokens/s, %.0f examples/s, %.1f docs/s (%d examples in %.2f s) |%n"
                  + "| ratio stream / bare | %.2f |%n"
                  + "| stage: ICU sentence split | %.2f s |%n| stage: DJL encode per sentence batch | %.2f s |%n"
                  + "| stage: recipe (pack, pair, truncate, mask, reservoir) | %.2f s |%n"
                  + "| stage: Avro encode of examples | %.2f s |%n",
              documents.size(),
              bareRate,
              bareTokens,
              bareSeconds,
              streamRate,
              examples / streamSeconds,
              documents.size() / streamSeconds,
              examples,
              streamSeconds,
              streamRate / bareRate,
              splitSeconds,
              encodeSeconds,
              recipeSeconds,
              avroSeconds));
      assertThat(examples).isPositive();
    }
  }

  private static List<int[]> nonEmpty(List<int[]> sentences) {
    return sentences.stream().filter(s -> s.length > 0).toList();
  }

  private static List<Integer> boxed(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int value : values) {
      list.add(value);
    }
    return list;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
