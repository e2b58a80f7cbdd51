package io.bertstream.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.avro.RawDocument;
import io.bertstream.stream.recipe.Masker;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.stream.recipe.SentenceSplitter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistical and structural promises of the recipe, checked over a whole stream of examples:
 * what the "Done means" list asks of the SOTU run.
 */
final class ExampleChecks {

  private final RecipeConfig recipe;
  private final WordPieces wordPieces;
  private final Map<String, int[]> documentTokens = new HashMap<>();

  ExampleChecks(RecipeConfig recipe, WordPieces wordPieces, Collection<RawDocument> documents) {
    this.recipe = recipe;
    this.wordPieces = wordPieces;
    SentenceSplitter splitter = new SentenceSplitter();
    for (RawDocument document : documents) {
      List<int[]> sentences = wordPieces.encode(splitter.split(document.getText().strip()));
      int length = 0;
      for (int[] sentence : sentences) {
        length += sentence.length;
      }
      int[] all = new int[length];
      int at = 0;
      for (int[] sentence : sentences) {
        System.arraycopy(sentence, 0, all, at, sentence.length);
        at += sentence.length;
      }
      documentTokens.put(document.getId(), all);
    }
  }

  /** Every check; the statistical ones need a stream of thousands of examples. */
  void assertAll(List<PretrainingExample> examples) {
    assertThat(examples).hasSizeGreaterThan(1000);
    long random = 0;
    long eligible = 0;
    long masked = 0;
    long shownMask = 0;
    long shownOriginal = 0;
    long shownRandom = 0;
    Masker masker =
        new Masker(wordPieces, recipe.maskedLmProb(), recipe.maxPredictionsPerSeq(), false);
    EvalSplit evalSplit = new EvalSplit(recipe.evalFraction());
    for (PretrainingExample example : examples) {
      int[] ids = ints(example.getInputIds());
      int[] positions = ints(example.getMaskedPositions());
      int[] labels = ints(example.getMaskedLabels());
      int bStart = example.getSegmentBStart();

      assertThat(ids.length)
          .as("length of %s", example.getId())
          .isLessThanOrEqualTo(recipe.maxSeqLength());
      assertThat(ids[0]).isEqualTo(wordPieces.clsId());
      assertThat(bStart).as("segment_b_start of %s", example.getId()).isBetween(2, ids.length - 2);
      assertThat(ids[bStart - 1]).isEqualTo(wordPieces.sepId());
      assertThat(ids[ids.length - 1]).isEqualTo(wordPieces.sepId());
      assertThat(positions).isSorted().doesNotHaveDuplicates().hasSameSizeAs(labels);

      int[] original = ids.clone();
      for (int i = 0; i < positions.length; i++) {
        original[positions[i]] = labels[i];
        assertThat(wordPieces.isSpecial(labels[i]))
            .as("special token masked in %s", example.getId())
            .isFalse();
        int shown = ids[positions[i]];
        if (shown == wordPieces.maskId()) {
          shownMask++;
        } else if (shown == labels[i]) {
          shownOriginal++;
        } else {
          shownRandom++;
        }
      }
      // An eval example whose B is training text masks only A.
      boolean borrowedB =
          evalSplit.isEval(example.getDocId()) && !evalSplit.isEval(example.getBDocId());
      int maskable = borrowedB ? bStart : original.length;
      if (borrowedB) {
        for (int position : positions) {
          assertThat(position).as("masked B of %s", example.getId()).isLessThan(bStart);
        }
      }
      int exampleEligible = 0;
      for (int i = 0; i < maskable; i++) {
        if (!wordPieces.isSpecial(original[i])) {
          exampleEligible++;
        }
      }
      eligible += exampleEligible;
      assertThat(positions.length).isEqualTo(masker.predictions(exampleEligible));
      masked += positions.length;

      if (example.getIsRandomNext()) {
        random++;
        assertThat(example.getBDocId()).isNotEqualTo(example.getDocId());
      } else {
        assertThat(example.getBDocId()).isEqualTo(example.getDocId());
        assertTrueNext(example, original, bStart);
      }
    }
    double randomShare = (double) random / examples.size();
    assertThat(randomShare).as("NSP random share").isBetween(0.48, 0.52);
    // The cap binds below 20 / 0.15 ≈ 133 eligible tokens never at max length 128, so the share
    // of chosen tokens is the configured probability up to rounding.
    assertThat((double) masked / eligible).as("masked share").isBetween(0.14, 0.16);
    double chosen = shownMask + shownOriginal + shownRandom;
    assertThat(shownMask / chosen).as("[MASK] share").isBetween(0.78, 0.82);
    assertThat(shownOriginal / chosen).as("kept share").isBetween(0.08, 0.12);
    assertThat(shownRandom / chosen).as("random-token share").isBetween(0.08, 0.12);
  }

  /** B follows A in its document: both are runs of its tokens, B's starting after A's end. */
  private void assertTrueNext(PretrainingExample example, int[] original, int bStart) {
    int[] a = java.util.Arrays.copyOfRange(original, 1, bStart - 1);
    int[] b = java.util.Arrays.copyOfRange(original, bStart, original.length - 1);
    int[] doc = documentTokens.get(example.getDocId());
    assertThat(doc).as("document %s known", example.getDocId()).isNotNull();
    // Truncation may trim A's back and B's front, so B need not start right where A ends.
    for (int p : occurrences(doc, a, 0)) {
      if (!occurrences(doc, b, p + a.length).isEmpty()) {
        return;
      }
    }
    fail(
        "true-next B of %s does not follow its A in %s: A at %s, B at %s; A=%s B=%s",
        example.getId(),
        example.getDocId(),
        occurrences(doc, a, 0),
        occurrences(doc, b, 0),
        java.util.Arrays.toString(a),
        java.util.Arrays.toString(b));
  }

  private static List<Integer> occurrences(int[] haystack, int[] needle, int from) {
    List<Integer> found = new ArrayList<>();
    outer:
    for (int i = from; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      found.add(i);
    }
    return found;
  }

  private static int[] ints(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }
}
