package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RememberProcessorTest {

  private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());
  private final MockProcessorContext<String, DocumentVersion> context =
      new MockProcessorContext<>();
  private final RememberProcessor processor = new RememberProcessor(metrics, "tokenize");
  private KeyValueStore<String, SeenDocument> store;

  @BeforeEach
  void init() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(RememberProcessor.STORE),
                Serdes.String(),
                new SeenDocumentSerde())
            .withLoggingDisabled()
            .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    processor.init(context);
  }

  private void feed(String id, String text) {
    processor.process(
        new Record<>(
            id, new DecodedDocument(id, text, text.getBytes(StandardCharsets.UTF_8)), 1_000L));
  }

  private List<DocumentVersion> forwarded() {
    return context.forwarded().stream()
        .map(forward -> (DocumentVersion) forward.record().value())
        .toList();
  }

  @Test
  void shouldLetANewDocumentThroughAsItsFirstVersion() {
    feed("a", "Peace and commerce.");

    assertThat(forwarded())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.version()).isEqualTo(1);
              assertThat(v.label()).isEqualTo("a");
            });
    assertThat(context.forwarded().get(0).childName()).hasValue("tokenize");
    assertThat(store.get("a"))
        .isEqualTo(new SeenDocument(SeenDocument.hash("Peace and commerce."), 1));
  }

  @Test
  void shouldStopARepeatAndCountIt() {
    feed("a", "Peace and commerce.");
    feed("a", "Peace and commerce.");
    feed("b", "Peace and commerce.");

    assertThat(forwarded()).extracting(DocumentVersion::label).containsExactly("a", "b");
    assertThat(metrics.duplicates()).isEqualTo(1);
  }

  @Test
  void shouldTurnChangedTextUnderAKnownIdIntoTheNextVersion() {
    feed("a", "Peace and commerce.");
    feed("a", "Peace, commerce and honest friendship.");
    feed("a", "Peace and commerce.");

    assertThat(forwarded()).extracting(DocumentVersion::label).containsExactly("a", "a@v2", "a@v3");
    assertThat(store.get("a").version()).isEqualTo(3);
    assertThat(metrics.duplicates()).isZero();
  }

  @Test
  void shouldReportRepeatsOnAScheduleRatherThanPerRecord() {
    assertThat(context.scheduledPunctuators())
        .singleElement()
        .satisfies(p -> assertThat(p.getInterval()).isEqualTo(RememberProcessor.REPORT_INTERVAL));
  }
}
