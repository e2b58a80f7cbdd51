package io.bertstream.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bertstream.trainer.TestExamples;
import io.bertstream.trainer.input.BatchBuilder;
import io.bertstream.trainer.input.EvalSample;
import io.bertstream.trainer.input.EvalSampleSource;
import io.bertstream.trainer.input.FetchedExample;
import io.bertstream.trainer.input.OffsetRange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The choice of the fixed set and the reads of both sets, with reads run synchronously. */
class EvalSetsTest {

  private static final BatchBuilder BUILDER = new BatchBuilder(0);

  /** Answers each kind of read from a queue of samples, and records the requests. */
  private static final class Source implements EvalSampleSource {
    final Deque<EvalSample> first = new ArrayDeque<>();
    final Deque<EvalSample> within = new ArrayDeque<>();
    final Deque<EvalSample> newest = new ArrayDeque<>();
    final List<String> requests = new ArrayList<>();

    @Override
    public EvalSample first(int limit, Map<Integer, Long> from) {
      requests.add("first " + limit + " from " + new TreeMap<>(from));
      return first.removeFirst();
    }

    @Override
    public EvalSample within(SortedMap<Integer, OffsetRange> ranges) {
      requests.add("within " + ranges);
      return within.removeFirst();
    }

    @Override
    public EvalSample newest(int perPartition) {
      requests.add("newest " + perPartition);
      if (newest.isEmpty()) {
        throw new IllegalStateException("the registry cannot be reached");
      }
      return newest.removeFirst();
    }
  }

  /** Examples at {@code offsets} of partition 0, the partition's end offset being {@code end}. */
  private static EvalSample sample(long end, int... offsets) {
    List<FetchedExample> examples = new ArrayList<>();
    SortedMap<Integer, OffsetRange> ranges = new TreeMap<>();
    for (int offset : offsets) {
      examples.add(new FetchedExample(0, offset, TestExamples.example("t", 7, offset)));
      ranges.merge(
          0,
          new OffsetRange(offset, offset),
          (a, b) -> new OffsetRange(Math.min(a.first(), b.first()), Math.max(a.last(), b.last())));
    }
    return new EvalSample(examples, ranges, Map.of(0, end));
  }

  private static EvalSets sets(
      Source source, int size, boolean grow, int recent, SortedMap<Integer, OffsetRange> recorded) {
    return new EvalSets(source, size, grow, recent, recorded, 2, BUILDER, Runnable::run);
  }

  private static SortedMap<Integer, OffsetRange> range(long first, long last) {
    return new TreeMap<>(Map.of(0, new OffsetRange(first, last)));
  }

  @Test
  void shouldChooseTheFixedSetAtTheStartWhenTheTopicHoldsEnough() {
    Source source = new Source();
    source.first.add(sample(9, 0, 1, 2));
    EvalSets sets = sets(source, 3, false, 0, new TreeMap<>());

    sets.start();

    assertThat(sets.fixed().orElseThrow().examples()).isEqualTo(3);
    assertThat(sets.fixed().orElseThrow().batches()).hasSize(2);
    assertThat(sets.ranges()).isEqualTo(range(0, 2));
    sets.refresh();
    assertThat(source.requests).containsExactly("first 3 from {}");
  }

  @Test
  void shouldWaitWhileTheTopicFillsAndTakeWhatIsThereOnceItStopsGrowing() {
    Source source = new Source();
    source.first.add(sample(2, 0));
    source.first.add(sample(4, 0, 2));
    source.first.add(sample(4, 0, 2));
    EvalSets sets = sets(source, 3, false, 0, new TreeMap<>());

    sets.start();
    assertThat(sets.fixed()).isEmpty();
    assertThat(sets.ranges()).isEmpty();
    sets.refresh();
    assertThat(sets.fixed()).as("the topic grew since the last attempt").isEmpty();
    sets.refresh();

    assertThat(sets.fixed().orElseThrow().examples()).isEqualTo(2);
    assertThat(sets.ranges()).isEqualTo(range(0, 2));
  }

  @Test
  void shouldNotChooseAnEmptySetHoweverLongTheTopicStaysEmpty() {
    Source source = new Source();
    for (int i = 0; i < 3; i++) {
      source.first.add(EvalSample.empty());
    }
    EvalSets sets = sets(source, 3, false, 0, new TreeMap<>());

    sets.start();
    sets.refresh();
    sets.refresh();

    assertThat(sets.fixed()).isEmpty();
    assertThat(source.requests).hasSize(3);
  }

  @Test
  void shouldReadARecordedSetByItsRangesAndNotGrowItWithoutTheFlag() {
    Source source = new Source();
    source.within.add(sample(50, 0, 1));
    EvalSets sets = sets(source, 5, false, 0, range(0, 1));

    assertThat(sets.ranges()).as("kept before it is read").isEqualTo(range(0, 1));
    sets.start();

    assertThat(sets.fixed().orElseThrow().examples()).isEqualTo(2);
    assertThat(sets.ranges()).isEqualTo(range(0, 1));
    assertThat(source.requests).containsExactly("within {0=OffsetRange[first=0, last=1]}");
  }

  @Test
  void shouldGrowARecordedSetWithTheFirstExamplesAfterItWhenAsked() {
    Source source = new Source();
    source.within.add(sample(50, 0, 1));
    source.first.add(sample(50, 3, 4, 6));
    EvalSets sets = sets(source, 5, true, 0, range(0, 1));

    sets.start();

    assertThat(sets.fixed().orElseThrow().examples()).isEqualTo(5);
    assertThat(sets.ranges()).isEqualTo(range(0, 6));
    assertThat(source.requests)
        .containsExactly("within {0=OffsetRange[first=0, last=1]}", "first 3 from {0=2}");
  }

  @Test
  void shouldReadTheNewestExamplesAgainAtEveryRefreshAndRethrowAFailedRead() {
    Source source = new Source();
    source.first.add(sample(9, 0, 1, 2));
    source.newest.add(sample(9, 7, 8));
    source.newest.add(sample(12, 10, 11, 12));
    EvalSets sets = sets(source, 3, false, 4, new TreeMap<>());

    sets.start();
    assertThat(sets.recent().orElseThrow().examples()).isEqualTo(2);
    sets.refresh();
    assertThat(sets.recent().orElseThrow().examples()).isEqualTo(3);
    sets.refresh();

    assertThatThrownBy(sets::recent).hasMessageContaining("registry");
    assertThat(source.requests)
        .containsExactly("first 3 from {}", "newest 4", "newest 4", "newest 4");
  }
}
