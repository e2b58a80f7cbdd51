package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.local.reliability.FaultOutcome;
import java.time.Duration;
import java.util.List;

/**
 * What feeding the documents twice left in the committed output.
 *
 * @param documents the documents, each published twice
 * @param changed the first document with a sentence added, published once after the second pass
 * @param firstPass what the first pass committed
 * @param committed everything committed after the second pass (both passes)
 * @param skipped documents the second instance skipped as seen before
 * @param secondPass from the second instance's start until it had committed everything
 */
record FedTwiceRun(
    List<RawDocument> documents,
    RawDocument changed,
    List<PretrainingExample> firstPass,
    List<PretrainingExample> committed,
    long skipped,
    Duration secondPass) {

  /** Everything published to the docs topic: the documents twice and the changed one. */
  int documentsIn() {
    return 2 * documents.size() + 1;
  }

  /** Examples of a document's first version; a later version's ids carry {@code @v<n>}. */
  List<PretrainingExample> firstVersions() {
    return committed.stream().filter(e -> !e.getId().contains("@v")).toList();
  }

  List<PretrainingExample> newVersions() {
    return committed.stream().filter(e -> e.getId().contains("@v")).toList();
  }

  /**
   * The second pass added nothing for the repeated documents and examples of a second version for
   * the changed one; no example id is committed twice.
   */
  void assertEachExampleOnce() {
    assertThat(firstVersions()).containsExactlyInAnyOrderElementsOf(firstPass);
    DocumentsOnceScenarios.assertEveryDocumentOnce(documents, firstVersions());
    assertThat(newVersions())
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.getDocId()).isEqualTo(changed.getId());
              assertThat(e.getId()).startsWith(changed.getId() + "@v2/");
            });
    assertThat(committed.stream().map(PretrainingExample::getId)).doesNotHaveDuplicates();
    assertThat(skipped).isEqualTo(documents.size());
  }

  /** The first versions equal the undisturbed run's examples record for record. */
  void assertSameAsUndisturbed(List<PretrainingExample> undisturbed) {
    ExampleComparison comparison = ExampleComparison.of(undisturbed, firstVersions());
    assertThat(comparison.identical()).as(comparison.summary()).isTrue();
  }

  /**
   * Lost and duplicated count over everything committed; the changed document's new version is
   * neither.
   */
  FaultOutcome outcome(List<PretrainingExample> undisturbed) {
    return ExampleComparison.of(undisturbed, committed)
        .outcome(DocumentsOnceScenarios.FED_TWICE, documentsIn(), List.of(secondPass));
  }

  String describe() {
    return String.format(
        "fed twice: %d documents, then the same %d plus 1 changed; %d examples committed"
            + " (%d distinct ids; %d of the changed document's new version); %d repeats skipped;"
            + " second pass %s",
        documents.size(),
        documents.size(),
        committed.size(),
        committed.stream().map(PretrainingExample::getId).distinct().count(),
        newVersions().size(),
        skipped,
        secondPass);
  }
}
