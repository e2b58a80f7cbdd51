package io.bertstream.cli;

import io.bertstream.cli.report.RunReport;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bertstream report}: a run's loss curves as pictures, from its journals. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Draw a run's curves from the journals in its checkpoint directory (ledger.jsonl,"
          + " steps.jsonl, metrics.jsonl, checkpoints.jsonl), every earlier run on that directory"
          + " included, as TensorBoard and the live dashboard show them:",
      "  loss.png     train loss (faint per step, solid smoothed) and eval masked-LM loss, over"
          + " steps and over training time, the baseline (baseline.json, when there is one) as a"
          + " dashed line, checkpoints as faint verticals;",
      "  report.html  one self-contained page: the same picture inlined, a summary (steps,"
          + " examples, tokens, training and wall time, final and best evaluation, baseline) and"
          + " the newest probe predictions.",
      "Works while the run trains too (a snapshot of its journals). Prints the files' paths."
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--checkpoint-dir",
      required = true,
      paramLabel = "DIR",
      description = "The run's --checkpoint-dir (where ledger.jsonl is).")
  Path checkpointDir;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where to write loss.png and report.html (default: --checkpoint-dir).")
  Path out;

  @Override
  public Integer call() throws Exception {
    RunReport.Written written;
    try {
      written =
          RunReport.write(
              checkpointDir, out == null ? checkpointDir : out, Bertstream.Version.line());
    } catch (NoSuchFileException e) {
      throw new ParameterException(
          spec.commandLine(),
          e.getFile()
              + ": "
              + e.getReason()
              + " (is it the --checkpoint-dir of a run that trained?)",
          e);
    }
    spec.commandLine().getOut().println("report: " + written.html());
    spec.commandLine().getOut().println("loss:   " + written.png());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
