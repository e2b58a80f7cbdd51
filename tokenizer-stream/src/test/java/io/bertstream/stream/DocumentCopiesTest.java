package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocumentCopiesTest {

  @Test
  void shouldKeepTheLabelForTheFirstCopyAndNumberTheOthers() {
    assertThat(DocumentCopies.label("doc", 0)).isEqualTo("doc");
    assertThat(DocumentCopies.label("doc", 1)).isEqualTo("doc#1");
    assertThat(DocumentCopies.label(DocumentVersion.label("doc", 2), 3)).isEqualTo("doc@v2#3");
    assertThatThrownBy(() -> DocumentCopies.label("doc", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldCopyTrainingDocumentsOnlyAndNeverEvalOnes() {
    DocumentCopies copies = new DocumentCopies(4);
    assertThat(copies.count(false)).isEqualTo(4);
    assertThat(copies.count(true)).isEqualTo(1);
    assertThat(new DocumentCopies(1).count(false)).isEqualTo(1);
    assertThatThrownBy(() -> new DocumentCopies(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
