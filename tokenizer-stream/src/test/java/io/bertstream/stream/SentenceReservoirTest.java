package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.stream.recipe.RandomSegmentSource;
import io.bertstream.stream.recipe.Seeds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SentenceReservoirTest {

  private final Seeds seeds = new Seeds(1);
  private KeyValueStore<String, ReservoirRun> runs;
  private KeyValueStore<String, Long> counters;

  @BeforeEach
  void stores() {
    MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    runs =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("runs"), Serdes.String(), new ReservoirRunSerde())
            .withLoggingDisabled()
            .build();
    counters =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("counters"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    runs.init(context.getStateStoreContext(), runs);
    counters.init(context.getStateStoreContext(), counters);
  }

  private SentenceReservoir reservoir(String pool, int capacity) {
    return new SentenceReservoir(runs, counters, pool, capacity, 10);
  }

  /** {@code count} sentences of 4 tokens whose ids encode the document number. */
  private static List<int[]> sentences(int doc, int count) {
    List<int[]> sentences = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      sentences.add(new int[] {doc * 1000 + s, doc * 1000 + s, doc * 1000 + s, doc * 1000 + s});
    }
    return sentences;
  }

  @Test
  void shouldHaveNothingToOfferBeforeAnyDocument() {
    assertThat(reservoir("train", 10).draw("a", 5, new Random(1))).isEmpty();
  }

  @Test
  void shouldNeverOfferTheExcludedDocumentsOwnSentences() {
    SentenceReservoir reservoir = reservoir("train", 100);
    reservoir.add("a", sentences(1, 20), seeds);
    assertThat(reservoir.draw("a", 5, new Random(1))).isEmpty();
    reservoir.add("b", sentences(2, 2), seeds);
    Random random = new Random(2);
    for (int i = 0; i < 100; i++) {
      Optional<RandomSegmentSource.Segment> segment = reservoir.draw("a", 5, random);
      assertThat(segment).get().extracting(RandomSegmentSource.Segment::docId).isEqualTo("b");
    }
  }

  @Test
  void shouldReturnConsecutiveSentencesUpToTheTarget() {
    SentenceReservoir reservoir = reservoir("train", 100);
    reservoir.add("b", sentences(2, 2), seeds);
    int[] tokens = reservoir.draw("a", 5, new Random(3)).orElseThrow().tokens();
    assertThat(tokens.length).isBetween(4, 8);
    for (int i = 1; i < tokens.length; i++) {
      assertThat(tokens[i]).isGreaterThanOrEqualTo(tokens[i - 1]);
    }
  }

  @Test
  void shouldStayBoundedAndKeepSamplingLaterDocuments() {
    SentenceReservoir reservoir = reservoir("train", 20);
    for (int doc = 0; doc < 200; doc++) {
      reservoir.add("d" + doc, sentences(doc, 5), seeds);
    }
    assertThat(runs.approximateNumEntries()).isEqualTo(20);
    assertThat(reservoir.seen()).isEqualTo(200 * 3);
    Set<String> docs = new HashSet<>();
    Random random = new Random(4);
    for (int i = 0; i < 200; i++) {
      docs.add(reservoir.draw("none", 5, random).orElseThrow().docId());
    }
    assertThat(docs.stream().anyMatch(d -> Integer.parseInt(d.substring(1)) >= 100)).isTrue();
  }

  @Test
  void shouldKeepPoolsApart() {
    reservoir("eval", 10).add("e", sentences(1, 3), seeds);
    assertThat(reservoir("train", 10).draw("x", 5, new Random(5))).isEmpty();
  }

  @Test
  void shouldRoundTripRunsThroughTheSerde() {
    ReservoirRun run = new ReservoirRun("doc-é", List.of(new int[] {1, 2}, new int[] {30000}));
    ReservoirRunSerde serde = new ReservoirRunSerde();
    ReservoirRun back =
        serde.deserializer().deserialize("t", serde.serializer().serialize("t", run));
    assertThat(back.docId()).isEqualTo("doc-é");
    assertThat(back.sentences()).hasSize(2);
    assertThat(back.sentences().get(0)).containsExactly(1, 2);
    assertThat(back.sentences().get(1)).containsExactly(30000);
  }
}
