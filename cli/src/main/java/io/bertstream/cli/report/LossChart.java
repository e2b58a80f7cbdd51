package io.bertstream.cli.report;

import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.history.Baseline;
import io.bertstream.trainer.history.CheckpointMark;
import io.bertstream.trainer.history.RunHistory;
import io.bertstream.trainer.history.Smoothing;
import io.bertstream.trainer.history.StepFigures;
import io.bertstream.trainer.history.Thinning;
import io.bertstream.trainer.history.TrainPoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code loss.png}: the train loss (faint per step, solid smoothed) and the eval masked-LM loss,
 * over steps on the left and over training time on the right (when the journals hold it), on one
 * loss axis, with the baseline as a dashed line and the checkpoints as faint verticals. Drawn off
 * screen by JFreeChart.
 */
final class LossChart {

  /** Points per curve at most: more than the picture's pixels is ink, not information. */
  private static final int MAX_POINTS = 4000;

  private static final Color RAW = new Color(31, 119, 180, 70);
  private static final Color SMOOTH = new Color(31, 119, 180);
  private static final Color EVAL = new Color(214, 39, 40);
  private static final Color MARK = new Color(0, 0, 0, 50);
  private static final BasicStroke DASHED =
      new BasicStroke(
          1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0);

  private LossChart() {}

  /** The chart of {@code history} as PNG bytes, {@code width}×{@code height} pixels. */
  static byte[] png(RunHistory history, Optional<Baseline> baseline, int width, int height)
      throws IOException {
    NumberAxis loss = new NumberAxis("loss (nats)");
    loss.setAutoRangeIncludesZero(false);
    CombinedRangeXYPlot plot = new CombinedRangeXYPlot(loss);
    plot.setGap(16);
    plot.add(panel(history, baseline, "step", step -> step, true), 1);
    long trainingMs =
        history.last().flatMap(TrainPoint::figures).map(StepFigures::trainingMs).orElse(0L);
    if (trainingMs > 0) {
      boolean hours = trainingMs >= 3 * 3_600_000L;
      double unit = hours ? 3_600_000.0 : 60_000.0;
      LongToDoubleFunction time =
          step -> history.figuresAt(step).map(f -> f.trainingMs() / unit).orElse(Double.NaN);
      plot.add(
          panel(
              history,
              baseline,
              "training time (" + (hours ? "hours" : "minutes") + ")",
              time,
              false),
          1);
    }
    JFreeChart chart = new JFreeChart("Loss", new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, width, height);
    return out.toByteArray();
  }

  /** One panel: everything placed along x by its step through {@code x} (NaN: not drawn). */
  private static XYPlot panel(
      RunHistory history,
      Optional<Baseline> baseline,
      String xLabel,
      LongToDoubleFunction x,
      boolean inLegend) {
    List<TrainPoint> steps = history.steps();
    double[] smoothed =
        Smoothing.ema(
            steps.stream().mapToDouble(TrainPoint::loss).toArray(), Smoothing.DEFAULT_SPAN);
    XYSeries raw = new XYSeries("train loss (per step)", false);
    XYSeries smooth = new XYSeries("train loss (smoothed)", false);
    for (int i : Thinning.indices(steps.size(), MAX_POINTS)) {
      double at = x.applyAsDouble(steps.get(i).step());
      add(raw, at, steps.get(i).loss());
      add(smooth, at, smoothed[i]);
    }
    XYSeries eval = new XYSeries("eval masked-LM loss", false);
    for (EvalEntry entry : history.evaluations()) {
      entry.scores().ifPresent(s -> add(eval, x.applyAsDouble(entry.step()), s.mlmLoss()));
    }
    XYSeriesCollection train = new XYSeriesCollection();
    train.addSeries(raw);
    train.addSeries(smooth);
    if (baseline.isPresent() && !raw.isEmpty()) {
      // A series, not a marker, so the loss axis always reaches it and the legend names it.
      XYSeries line =
          new XYSeries(
              String.format(Locale.ROOT, "baseline %.3f", baseline.get().mlmLoss()), false);
      line.add(raw.getMinX(), baseline.get().mlmLoss());
      line.add(raw.getMaxX(), baseline.get().mlmLoss());
      train.addSeries(line);
    }
    XYLineAndShapeRenderer trainLines = new XYLineAndShapeRenderer(true, false);
    trainLines.setSeriesPaint(0, RAW);
    trainLines.setSeriesStroke(0, new BasicStroke(1f));
    trainLines.setSeriesPaint(1, SMOOTH);
    trainLines.setSeriesStroke(1, new BasicStroke(2f));
    trainLines.setSeriesPaint(2, Color.DARK_GRAY);
    trainLines.setSeriesStroke(2, DASHED);
    XYLineAndShapeRenderer evalLine = new XYLineAndShapeRenderer(true, true);
    evalLine.setSeriesPaint(0, EVAL);
    evalLine.setSeriesStroke(0, new BasicStroke(2f));
    for (XYLineAndShapeRenderer renderer : List.of(trainLines, evalLine)) {
      renderer.setDefaultSeriesVisibleInLegend(inLegend);
    }
    NumberAxis xAxis = new NumberAxis(xLabel);
    xAxis.setAutoRangeIncludesZero(false);
    // The eval curve first: drawn over the train curves.
    XYPlot panel = new XYPlot(new XYSeriesCollection(eval), xAxis, null, evalLine);
    panel.setDataset(1, train);
    panel.setRenderer(1, trainLines);
    panel.setBackgroundPaint(Color.WHITE);
    panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
    panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (CheckpointMark mark : history.checkpoints()) {
      double at = x.applyAsDouble(mark.step());
      if (Double.isFinite(at)) {
        panel.addDomainMarker(new ValueMarker(at, MARK, new BasicStroke(1f)));
      }
    }
    return panel;
  }

  private static void add(XYSeries series, double x, double y) {
    if (Double.isFinite(x) && Double.isFinite(y)) {
      series.add(x, y, false);
    }
  }
}
