package io.bertstream.trainer.export;

import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.model.BertConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code README.md} of an exported model: what a reader needs to judge and load it — how long
 * it trained and on what, where it started, its tokenizer, size and last evaluation, and the lines
 * that load it in transformers. The front matter is the Hugging Face Hub's (library and pipeline).
 *
 * @param name the model's directory name, the card's title
 * @param loadPath the path the usage example loads from
 * @param step optimizer steps trained
 * @param examples examples trained on
 * @param tokens tokens trained on, empty when the checkpoint did not count them
 * @param topic the examples topic it trained on
 * @param initFrom the directory its first weights came from, empty when they were random
 * @param seed the run's seed
 * @param tokenizerId the tokenizer's fingerprint (every example's {@code tokenizer_id})
 * @param uncased whether the tokenizer lowercases
 * @param shape the model's size
 * @param parameters stored parameters (the tied decoder counted once)
 * @param checkpoint the checkpoint's directory name
 * @param createdAt when the checkpoint was written
 * @param lastEvaluation the last evaluation with scores at or before the checkpoint's step
 * @param producer e.g. {@code bertstream 0.3.0}
 */
public record ModelCard(
    String name,
    String loadPath,
    long step,
    long examples,
    Optional<Long> tokens,
    String topic,
    Optional<String> initFrom,
    long seed,
    String tokenizerId,
    boolean uncased,
    BertConfig shape,
    long parameters,
    String checkpoint,
    String createdAt,
    Optional<EvalEntry> lastEvaluation,
    String producer) {

  /** The card's file name in the exported directory. */
  public static final String FILE = "README.md";

  /** The card as Markdown. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("---\n")
        .append("library_name: transformers\n")
        .append("pipeline_tag: fill-mask\n")
        .append("tags:\n- bert\n- bertstream\n")
        .append("---\n\n")
        .append("# ")
        .append(name)
        .append("\n\n")
        .append("A BERT (masked language model and next-sentence prediction heads, ")
        .append("`BertForPreTraining`) pretrained online with ")
        .append(producer)
        .append(" from the examples topic `")
        .append(topic)
        .append("`.\n\n")
        .append("| | |\n|---|---|\n");
    row(md, "steps", number(step));
    row(md, "examples seen", number(examples));
    row(md, "tokens seen", tokens.map(ModelCard::number).orElse("not recorded"));
    row(md, "source topic", "`" + topic + "`");
    row(
        md,
        "started from",
        initFrom.map(d -> "`" + d + "`").orElse("random initialisation (seed " + seed + ")"));
    row(
        md,
        "tokenizer",
        String.format(
            Locale.ROOT,
            "WordPiece, %s tokens, %s, fingerprint `%s`",
            number(shape.vocabSize()),
            uncased ? "uncased" : "cased",
            tokenizerId));
    row(
        md,
        "size",
        String.format(
            Locale.ROOT,
            "%d layers, hidden %d, %d heads, intermediate %d, %d positions; %.1f M parameters",
            shape.numLayers(),
            shape.hiddenSize(),
            shape.numHeads(),
            shape.intermediateSize(),
            shape.maxPositions(),
            parameters / 1e6));
    row(md, "checkpoint", "`" + checkpoint + "`, written " + createdAt);
    row(md, "last evaluation", evaluation());
    row(md, "exported by", producer);
    md.append("\n## Use it in transformers\n\n")
        .append("```python\n")
        .append("from transformers import AutoModelForMaskedLM, AutoTokenizer, pipeline\n\n")
        .append("fill = pipeline(\"fill-mask\", model=\"")
        .append(loadPath)
        .append("\")\n")
        .append("print(fill(\"the [MASK] of the union\"))\n\n")
        .append("tokenizer = AutoTokenizer.from_pretrained(\"")
        .append(loadPath)
        .append("\")\n")
        .append("model = AutoModelForMaskedLM.from_pretrained(\"")
        .append(loadPath)
        .append("\")  # or AutoModelForPreTraining, AutoModel\n")
        .append("```\n\n")
        .append("## Files\n\n")
        .append("`model.safetensors` (float32; the MLM decoder is tied to the word embeddings and")
        .append(" not stored twice), `config.json`, and the tokenizer as `tokenizer.json`,")
        .append(" `vocab.txt`, `tokenizer_config.json` and `special_tokens_map.json`.\n");
    return md.toString();
  }

  private String evaluation() {
    Optional<EvalScores> scores = lastEvaluation.flatMap(EvalEntry::scores);
    if (scores.isEmpty()) {
      return "none recorded";
    }
    EvalScores s = scores.get();
    return String.format(
        Locale.ROOT,
        "step %s on %s held-out examples: MLM loss %.4f, MLM accuracy %.4f, NSP accuracy %.4f",
        number(lastEvaluation.get().step()),
        number(s.examples()),
        s.mlmLoss(),
        s.mlmAccuracy(),
        s.nspAccuracy());
  }

  private static void row(StringBuilder md, String key, String value) {
    md.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
