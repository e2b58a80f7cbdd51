package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SeenDocumentSerdeTest {

  private final SeenDocumentSerde serde = new SeenDocumentSerde();

  @Test
  void shouldRoundTripInTwentyOneBytes() {
    SeenDocument seen = new SeenDocument(SeenDocument.hash("The state of the union."), 7);

    byte[] bytes = serde.serializer().serialize("t", seen);

    assertThat(bytes).hasSize(21);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(seen);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void shouldRefuseBytesThatAreNotARememberedDocument() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t-changelog", new byte[] {9, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("t-changelog");
  }

  @Test
  void shouldHashTheSameTextAlikeAndChangedTextOtherwise() {
    SeenDocument seen = new SeenDocument(SeenDocument.hash("Peace."), 1);

    assertThat(seen.sameContent(SeenDocument.hash("Peace."))).isTrue();
    assertThat(seen.sameContent(SeenDocument.hash("Peace!"))).isFalse();
    assertThat(DocumentVersion.label("doc", 1)).isEqualTo("doc");
    assertThat(DocumentVersion.label("doc", 2)).isEqualTo("doc@v2");
  }
}
