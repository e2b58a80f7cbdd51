package io.bertstream.cli.report;

import io.bertstream.trainer.history.Baseline;
import io.bertstream.trainer.history.RunHistory;
import io.bertstream.trainer.history.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Pictures of a run at its end, from its checkpoint directory's journals: {@code loss.png} and a
 * self-contained {@code report.html} that holds the same picture and the run's figures. Each file
 * is written beside its target and renamed into place.
 */
public final class RunReport {

  public static final String PNG = "loss.png";
  public static final String HTML = "report.html";

  private static final int WIDTH = 1400;
  private static final int HEIGHT = 560;

  private RunReport() {}

  /** The files written. */
  public record Written(Path html, Path png, RunSummary summary) {}

  /**
   * Draws the run in {@code checkpointDir} into {@code outDir}.
   *
   * @param writer who wrote it, e.g. {@code bertstream 0.1.0}, printed in the page
   * @throws NoSuchFileException when {@code checkpointDir} holds no trained step
   */
  public static Written write(Path checkpointDir, Path outDir, String writer) throws IOException {
    RunHistory history = RunHistory.read(checkpointDir);
    if (history.steps().isEmpty()) {
      throw new NoSuchFileException(
          checkpointDir.resolve("ledger.jsonl").toString(), null, "no trained step");
    }
    Optional<Baseline> baseline = Baseline.read(checkpointDir);
    RunSummary summary = RunSummary.of(history, baseline);
    // Headless: the chart is drawn in memory, never on a screen, also where a display exists.
    System.setProperty("java.awt.headless", "true");
    byte[] png = LossChart.png(history, baseline, WIDTH, HEIGHT);
    Files.createDirectories(outDir);
    Path pngFile = replace(outDir.resolve(PNG), png);
    Path htmlFile =
        replace(
            outDir.resolve(HTML),
            ReportPage.html(checkpointDir, history, summary, png, writer)
                .getBytes(StandardCharsets.UTF_8));
    return new Written(htmlFile, pngFile, summary);
  }

  private static Path replace(Path target, byte[] content) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(temp, content);
    return Files.move(
        temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
