package io.bertstream.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.trainer.TestExamples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoundRobinComposerTest {

  private static final PretrainingExample ANY = TestExamples.example("t", 1, 0);

  /** A static topic: partition → number of records (offsets 0..n-1). */
  private static final Map<Integer, Integer> TOPIC = Map.of(0, 5, 1, 2, 2, 0, 3, 7);

  @Test
  void shouldTakeOneExamplePerPartitionInPartitionOrder() {
    RoundRobinComposer composer = new RoundRobinComposer(List.of(2, 0, 1), 3, 0);
    for (int partition = 0; partition < 3; partition++) {
      composer.add(fetched(partition, 0));
      composer.add(fetched(partition, 1));
    }
    List<String> first = keys(composer.next(p -> true).orElseThrow().examples());
    List<String> second = keys(composer.next(p -> true).orElseThrow().examples());
    assertThat(first).containsExactly("0@0", "1@0", "2@0");
    assertThat(second).containsExactly("0@1", "1@1", "2@1");
  }

  @Test
  void shouldWaitForAPartitionThatStillHasDataRatherThanSkipIt() {
    RoundRobinComposer composer = new RoundRobinComposer(List.of(0, 1), 2, 0);
    composer.add(fetched(0, 0));
    composer.add(fetched(0, 1));
    assertThat(composer.next(p -> true)).isEmpty();
    composer.add(fetched(1, 0));
    assertThat(keys(composer.next(p -> true).orElseThrow().examples()))
        .containsExactly("0@0", "1@0");
  }

  @Test
  void shouldPassOverDrainedPartitionsAndWaitWhenAllAreDrained() {
    RoundRobinComposer composer = new RoundRobinComposer(List.of(0, 1, 2), 3, 0);
    composer.add(fetched(1, 0));
    composer.add(fetched(1, 1));
    assertThat(composer.next(p -> false)).isEmpty();
    composer.add(fetched(1, 2));
    RoundRobinComposer.Composed batch = composer.next(p -> false).orElseThrow();
    assertThat(keys(batch.examples())).containsExactly("1@0", "1@1", "1@2");
  }

  @Test
  void shouldHandOverThePartialBatchAtTheEndOfAPassOnlyOnce() {
    RoundRobinComposer composer = new RoundRobinComposer(List.of(0, 1), 3, 0);
    composer.add(fetched(0, 0));
    composer.add(fetched(1, 0));
    assertThat(composer.next(p -> false)).isEmpty();

    RoundRobinComposer.Composed partial = composer.flush().orElseThrow();

    assertThat(keys(partial.examples())).containsExactly("0@0", "1@0");
    assertThat(partial.cursorAfter()).isZero();
    assertThat(composer.flush()).isEmpty();
  }

  @Test
  void shouldComposeTheSameBatchesWhateverTheFetchTiming() {
    List<List<String>> reference = composeAll(new Random(0), 0, Map.of());
    assertThat(reference).hasSize(14 / 4);
    for (int seed = 1; seed < 20; seed++) {
      assertThat(composeAll(new Random(seed), 0, Map.of())).isEqualTo(reference);
    }
  }

  @Test
  void shouldComposeTheRemainingBatchesWhenResumedFromAnyBatchBoundary() {
    List<RoundRobinComposer.Composed> all = new ArrayList<>();
    List<List<String>> reference = composeAll(new Random(0), 0, Map.of(), all);
    Map<Integer, Long> next = new HashMap<>();
    for (int k = 0; k < all.size(); k++) {
      for (FetchedExample example : all.get(k).examples()) {
        next.merge(example.partition(), example.offset() + 1, Math::max);
      }
      List<List<String>> resumed = composeAll(new Random(k), all.get(k).cursorAfter(), next);
      assertThat(resumed).isEqualTo(reference.subList(k + 1, reference.size()));
    }
  }

  @Test
  void shouldRefuseAnExampleOfAPartitionItDoesNotRead() {
    RoundRobinComposer composer = new RoundRobinComposer(List.of(0), 1, 0);
    assertThatThrownBy(() -> composer.add(fetched(5, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<List<String>> composeAll(
      Random timing, int cursor, Map<Integer, Long> start) {
    return composeAll(timing, cursor, start, new ArrayList<>());
  }

  /**
   * Simulates fetches arriving in random chunks and order, with the "more data" predicate of a
   * static topic (position below the end offset), until everything is fetched.
   */
  private static List<List<String>> composeAll(
      Random timing,
      int cursor,
      Map<Integer, Long> start,
      List<RoundRobinComposer.Composed> composed) {
    RoundRobinComposer composer = new RoundRobinComposer(List.of(3, 1, 0, 2), 4, cursor);
    Map<Integer, Long> position = new HashMap<>();
    TOPIC.keySet().forEach(p -> position.put(p, start.getOrDefault(p, 0L)));
    List<List<String>> batches = new ArrayList<>();
    while (true) {
      Optional<RoundRobinComposer.Composed> next =
          composer.next(p -> position.get(p) < TOPIC.get(p));
      if (next.isPresent()) {
        composed.add(next.get());
        batches.add(keys(next.get().examples()));
        continue;
      }
      List<Integer> open = new ArrayList<>();
      position.forEach(
          (p, offset) -> {
            if (offset < TOPIC.get(p)) {
              open.add(p);
            }
          });
      if (open.isEmpty()) {
        return batches;
      }
      Collections.sort(open);
      int partition = open.get(timing.nextInt(open.size()));
      int chunk = 1 + timing.nextInt(3);
      for (int i = 0; i < chunk && position.get(partition) < TOPIC.get(partition); i++) {
        long offset = position.get(partition);
        composer.add(fetched(partition, offset));
        position.put(partition, offset + 1);
      }
    }
  }

  private static FetchedExample fetched(int partition, long offset) {
    return new FetchedExample(partition, offset, ANY);
  }

  private static List<String> keys(List<FetchedExample> examples) {
    return examples.stream().map(e -> e.partition() + "@" + e.offset()).toList();
  }
}
