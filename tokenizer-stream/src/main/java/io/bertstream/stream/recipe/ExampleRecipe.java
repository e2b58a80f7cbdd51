package io.bertstream.stream.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Turns one document's tokenized sentences into examples, step by step as BERT's {@code
 * create_instances_from_document}: pack a chunk, split it into A and B (or draw B from another
 * document), truncate, mask. Each chunk draws from its own generator seeded by (seed, seed key,
 * chunk index), the seed key being the document id, or the label of its version or masked copy.
 */
public final class ExampleRecipe {

  private final RecipeConfig config;
  private final Vocabulary vocabulary;
  private final Seeds seeds;
  private final SegmentPacker packer;
  private final PairTruncator truncator;
  private final Masker masker;

  public ExampleRecipe(RecipeConfig config, Vocabulary vocabulary) {
    this.config = config;
    this.vocabulary = vocabulary;
    this.seeds = new Seeds(config.seed());
    this.packer = new SegmentPacker(config.maxNumTokens(), config.shortSeqProb());
    this.truncator = new PairTruncator(config.maxNumTokens());
    this.masker =
        new Masker(
            vocabulary,
            config.maskedLmProb(),
            config.maxPredictionsPerSeq(),
            config.wholeWordMask());
  }

  /** The examples of a document whose sentences are {@code sentences} (none of them empty). */
  public List<ExampleDraft> examples(
      String docId, List<int[]> sentences, RandomSegmentSource randomSegments, NspBalance nsp) {
    return examples(docId, docId, sentences, randomSegments, nsp);
  }

  /**
   * The examples of one version or copy of a document: {@code seedKey} (its label, e.g. {@code
   * id@v2} or {@code id#1}) seeds every chunk's choices, {@code docId} is the document a random B
   * must not come from.
   */
  public List<ExampleDraft> examples(
      String docId,
      String seedKey,
      List<int[]> sentences,
      RandomSegmentSource randomSegments,
      NspBalance nsp) {
    List<ExampleDraft> examples = new ArrayList<>();
    int start = 0;
    long chunk = 0;
    while (start < sentences.size()) {
      Random random = seeds.forInstance(seedKey, chunk++);
      int target = packer.target(random);
      int end = packer.packEnd(sentences, start, target);
      int aEnd = PairBuilder.splitPoint(start, end, random);
      boolean coin = random.nextDouble() < config.randomNextProb();
      boolean canTrue = PairBuilder.canTrueNext(sentences, start, end);
      PairBuilder.Pair pair = null;
      if (nsp.preferRandom(coin, canTrue) || !canTrue) {
        int aLength = PairBuilder.concat(sentences, start, aEnd).length;
        Optional<RandomSegmentSource.Segment> b =
            randomSegments.draw(docId, Math.max(1, target - aLength), random);
        if (b.isPresent()) {
          pair = PairBuilder.randomNext(sentences, start, aEnd, b.get());
        }
      }
      if (pair == null && canTrue) {
        pair = PairBuilder.trueNext(sentences, start, end, aEnd, docId, random);
      }
      if (pair == null) {
        // A lone one-token sentence while no other document is known: nothing to pair it with.
        start = end;
        continue;
      }
      nsp.record(coin, pair.randomNext());
      examples.add(build(examples.size(), pair, random));
      start = pair.nextSentence();
    }
    return examples;
  }

  private ExampleDraft build(int index, PairBuilder.Pair pair, Random random) {
    PairTruncator.TokenPair fitted = truncator.truncate(pair.a(), pair.b(), random);
    int[] a = fitted.a();
    int[] b = fitted.b();
    int[] ids = new int[a.length + b.length + 3];
    ids[0] = vocabulary.clsId();
    System.arraycopy(a, 0, ids, 1, a.length);
    ids[a.length + 1] = vocabulary.sepId();
    System.arraycopy(b, 0, ids, a.length + 2, b.length);
    ids[ids.length - 1] = vocabulary.sepId();
    // B borrowed from outside the example's split stays unmasked: labels are its own text only.
    int maskable = pair.bMaskable() ? ids.length : a.length + 2;
    Masker.Masked masked = masker.mask(ids, maskable, random);
    return new ExampleDraft(
        index,
        masked.inputIds(),
        a.length + 2,
        masked.positions(),
        masked.labels(),
        pair.randomNext(),
        pair.bDocId());
  }
}
