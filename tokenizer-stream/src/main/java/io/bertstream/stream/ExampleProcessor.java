package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import io.bertstream.stream.recipe.ExampleDraft;
import io.bertstream.stream.recipe.ExampleRecipe;
import io.bertstream.stream.recipe.FallbackSegments;
import io.bertstream.stream.recipe.NspBalance;
import io.bertstream.stream.recipe.RandomSegmentSource;
import io.bertstream.stream.recipe.RecipeConfig;
import io.bertstream.stream.recipe.Seeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns a tokenized document into pretraining examples with BERT's recipe, drawing random-next
 * segments from the partition's {@link SentenceReservoir} and only then adding the document's own
 * sentences to it. Examples of eval documents go to the eval child; they draw random-next segments
 * from the eval pool, or from the training pool (left unmasked) while that has none.
 *
 * <p>A document's examples are {@code <label>/<n>}, where the label is the document id for its
 * first version and {@code <id>@v<k>} for a later one; the label also seeds the version's random
 * choices. The eval split, the reservoir and "another document" for a random B go by the id alone,
 * so every version of a document stays on one side of the split and never pairs with itself.
 *
 * <p>With a dupe factor above 1 a training document's version is turned into examples that many
 * times, each copy with its own label ({@link DocumentCopies}), all in the record's transaction.
 */
public final class ExampleProcessor
    implements Processor<String, TokenizedDocument, String, PretrainingExample> {

  public static final String RESERVOIR_STORE = "sentence-reservoir";
  public static final String COUNTERS_STORE = "nsp-state";

  private final RecipeConfig config;
  private final ExampleRecipe recipe;
  private final Seeds seeds;
  private final EvalSplit evalSplit;
  private final DocumentCopies copies;
  private final String tokenizerId;
  private final StreamMetrics metrics;
  private final String trainChild;
  private final String evalChild;
  private ProcessorContext<String, PretrainingExample> context;
  private KeyValueStore<String, ReservoirRun> runs;
  private KeyValueStore<String, Long> counters;

  public ExampleProcessor(
      RecipeConfig config,
      WordPieces wordPieces,
      StreamMetrics metrics,
      String trainChild,
      String evalChild) {
    this.config = config;
    this.recipe = new ExampleRecipe(config, wordPieces);
    this.seeds = new Seeds(config.seed());
    this.evalSplit = new EvalSplit(config.evalFraction());
    this.copies = new DocumentCopies(config.dupeFactor());
    this.tokenizerId = wordPieces.fingerprint();
    this.metrics = metrics;
    this.trainChild = trainChild;
    this.evalChild = evalChild;
  }

  @Override
  public void init(ProcessorContext<String, PretrainingExample> context) {
    this.context = context;
    this.runs = context.getStateStore(RESERVOIR_STORE);
    this.counters = context.getStateStore(COUNTERS_STORE);
  }

  @Override
  public void process(Record<String, TokenizedDocument> record) {
    TokenizedDocument document = record.value();
    String docId = document.docId();
    boolean eval = evalSplit.isEval(docId);
    String pool = eval ? "eval" : "train";
    SentenceReservoir reservoir = reservoir(pool);
    RandomSegmentSource randomSegments =
        eval ? new FallbackSegments(reservoir, reservoir("train")) : reservoir;
    // One copy after another, each forwarded before the next is made: a document's examples are
    // held once, not dupe-factor times. Every copy draws from the reservoir as it was before the
    // document, which joins it after its last copy.
    for (int copy = 0; copy < copies.count(eval); copy++) {
      String label = DocumentCopies.label(document.label(), copy);
      // Each copy keeps its own NSP debt (copy 0 the one kept before copies existed), so copy 0's
      // examples are the same whatever the dupe factor.
      String debtKey = DocumentCopies.label(pool, copy) + "/nsp-debt";
      Long debt = counters.get(debtKey);
      NspBalance nsp = new NspBalance(debt == null ? 0 : debt);
      List<ExampleDraft> drafts =
          recipe.examples(docId, label, document.sentences(), randomSegments, nsp);
      counters.put(debtKey, nsp.debt());
      for (ExampleDraft draft : drafts) {
        context.forward(
            record.withKey(docId).withValue(toAvro(docId, label, draft, record.timestamp())),
            eval ? evalChild : trainChild);
      }
      metrics.examples(eval, drafts.size());
    }
    reservoir.add(docId, document.sentences(), seeds);
  }

  private SentenceReservoir reservoir(String pool) {
    return new SentenceReservoir(
        runs, counters, pool, config.reservoirSize(), config.maxNumTokens());
  }

  private PretrainingExample toAvro(
      String docId, String label, ExampleDraft draft, long timestamp) {
    return PretrainingExample.newBuilder()
        .setId(label + "/" + draft.index())
        .setDocId(docId)
        .setBDocId(draft.bDocId())
        .setInputIds(boxed(draft.inputIds()))
        .setSegmentBStart(draft.segmentBStart())
        .setMaskedPositions(boxed(draft.maskedPositions()))
        .setMaskedLabels(boxed(draft.maskedLabels()))
        .setIsRandomNext(draft.randomNext())
        .setTokenizerId(tokenizerId)
        .setCreatedAt(Instant.ofEpochMilli(timestamp))
        .build();
  }

  private static List<Integer> boxed(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int value : values) {
      list.add(value);
    }
    return list;
  }
}
