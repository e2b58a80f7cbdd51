package io.bertstream.cli.report;

import io.bertstream.runtime.Durations;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.history.RunHistory;
import io.bertstream.trainer.history.RunSummary;
import io.bertstream.trainer.inference.FillMask;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code report.html}: one self-contained page (styles inline, the loss chart as a {@code data:}
 * URI) with the run's figures in a table and the newest probe predictions, to keep or send as one
 * file.
 */
final class ReportPage {

  private ReportPage() {}

  static String html(
      Path checkpointDir, RunHistory history, RunSummary summary, byte[] lossPng, String writer) {
    StringBuilder page = new StringBuilder();
    page.append(
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>bertstream report</title>
        <style>
          body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #222; max-width: 1500px; }
          h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; }
          .note { color: #666; margin: 0; }
          table { border-collapse: collapse; }
          th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #eee; vertical-align: top; }
          td.number { font-variant-numeric: tabular-nums; }
          td.guesses { font-family: ui-monospace, monospace; white-space: pre-wrap; }
          img { max-width: 100%; border: 1px solid #ddd; }
        </style>
        </head>
        <body>
        """);
    page.append("<h1>bertstream report</h1>\n<p class=\"note\">")
        .append(escape(checkpointDir.toString()))
        .append(" · written by ")
        .append(escape(writer))
        .append(" at ")
        .append(escape(Instant.now().toString()))
        .append("</p>\n<h2>Summary</h2>\n<table id=\"summary\">\n");
    rows(page, summary);
    page.append(
            "</table>\n<h2>Loss</h2>\n<img id=\"loss\" alt=\"train and eval loss over steps and")
        .append(" over training time\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(lossPng))
        .append("\">\n");
    probes(page, history.latestProbes());
    page.append("</body>\n</html>\n");
    return page.toString();
  }

  private static void rows(StringBuilder page, RunSummary summary) {
    row(page, "steps", String.format(Locale.ROOT, "%,d", summary.steps()));
    row(page, "examples", String.format(Locale.ROOT, "%,d", summary.examples()));
    if (summary.tokens().isPresent()) {
      row(page, "tokens", String.format(Locale.ROOT, "%,d", summary.tokens().getAsLong()));
    }
    summary
        .trainingTime()
        .ifPresent(t -> row(page, "training time", Durations.human(t.toSeconds())));
    summary
        .wallSpan()
        .ifPresent(
            span ->
                row(
                    page,
                    "wall time",
                    Durations.human(span.toSeconds())
                        + " from the first step to the last, pauses between runs included ("
                        + summary.firstStepAt().orElseThrow()
                        + " – "
                        + summary.lastStepAt().orElseThrow()
                        + ")"));
    summary
        .trainingTime()
        .filter(t -> summary.tokens().isPresent() && t.toMillis() > 0)
        .ifPresent(
            t ->
                row(
                    page,
                    "throughput",
                    String.format(
                        Locale.ROOT,
                        "%,.0f tokens/s over the training time",
                        summary.tokens().getAsLong() / seconds(t))));
    if (summary.finalLoss().isPresent()) {
      row(
          page,
          "final train loss",
          String.format(Locale.ROOT, "%.4f (smoothed)", summary.finalLoss().getAsDouble()));
    }
    summary.lastEvaluation().ifPresent(e -> row(page, "final eval", evaluation(e)));
    summary
        .bestEvaluation()
        .ifPresent(
            e ->
                row(
                    page,
                    "best eval",
                    String.format(
                        Locale.ROOT,
                        "masked-LM loss %.4f at step %,d",
                        e.scores().orElseThrow().mlmLoss(),
                        e.step())));
    summary
        .baseline()
        .ifPresent(
            b -> {
              String versus =
                  summary
                      .lastScores()
                      .map(
                          s ->
                              String.format(
                                  Locale.ROOT,
                                  "; the final eval is %.3f %s it",
                                  Math.abs(b.mlmLoss() - s.mlmLoss()),
                                  s.mlmLoss() <= b.mlmLoss() ? "below" : "above"))
                      .orElse("");
              row(
                  page,
                  "baseline",
                  String.format(Locale.ROOT, "masked-LM loss %.4f: ", b.mlmLoss())
                      + b.description()
                      + versus);
            });
    row(
        page,
        "checkpoints",
        summary.checkpoints()
            + " written"
            + summary
                .lastCheckpoint()
                .map(c -> ", the newest " + c.directory() + " (step " + c.step() + ")")
                .orElse(""));
  }

  private static String evaluation(EvalEntry entry) {
    EvalScores scores = entry.scores().orElseThrow();
    return String.format(
        Locale.ROOT,
        "step %,d: masked-LM loss %.4f, masked-LM accuracy %.3f, NSP accuracy %.3f (%,d examples)",
        entry.step(),
        scores.mlmLoss(),
        scores.mlmAccuracy(),
        scores.nspAccuracy(),
        scores.examples());
  }

  private static void probes(StringBuilder page, Optional<EvalEntry> latest) {
    if (latest.isEmpty()) {
      return;
    }
    page.append("<h2>Probes at step ")
        .append(latest.get().step())
        .append(
            "</h2>\n<table id=\"probes\">\n<tr><th>text</th><th>top predictions per [MASK]</th></tr>\n");
    for (Map.Entry<String, List<List<FillMask.Guess>>> probe : latest.get().probes().entrySet()) {
      StringBuilder guesses = new StringBuilder();
      List<List<FillMask.Guess>> masks = probe.getValue();
      for (int i = 0; i < masks.size(); i++) {
        guesses
            .append(i == 0 ? "" : "\n")
            .append(i + 1)
            .append(". ")
            .append(FillMask.format(masks.get(i)));
      }
      page.append("<tr><td>")
          .append(escape(probe.getKey()))
          .append("</td><td class=\"guesses\">")
          .append(escape(guesses.toString()))
          .append("</td></tr>\n");
    }
    page.append("</table>\n");
  }

  private static void row(StringBuilder page, String name, String value) {
    page.append("<tr><th>")
        .append(escape(name))
        .append("</th><td class=\"number\">")
        .append(escape(value))
        .append("</td></tr>\n");
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
