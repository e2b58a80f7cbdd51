package io.bertstream.trainer.tensorboard;

import io.bertstream.trainer.StepReport;
import io.bertstream.trainer.TrainingListener;
import io.bertstream.trainer.evaluation.EvalEntry;
import io.bertstream.trainer.evaluation.EvalScores;
import io.bertstream.trainer.inference.FillMask;
import io.bertstream.trainer.model.StepOutcome;
import io.bertstream.trainer.tensorboard.proto.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run to a new TensorBoard event file: at each progress line the training scalars ({@code
 * train/*}), at each evaluation the scores ({@code eval/*}, {@code eval_recent/*}) and each probe's
 * top predictions as text ({@code probes/<text>}).
 *
 * <p>Resume: the file opens with a session START at the first step this run trains, so TensorBoard
 * drops whatever an earlier file logged from that step on (points logged after the last checkpoint
 * of a killed run, which this run trains again) and shows one continuous curve. The file is flushed
 * to disk before every checkpoint, so a checkpointed step's points are never lost to a kill.
 *
 * <p>A failed write does not stop training: it is logged once and the file gets no more events.
 */
public final class TensorBoardListener implements TrainingListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TensorBoardListener.class);

  /** What the event files name as their writer. */
  static final String WRITER = "bertstream trainer";

  private static final Pattern MARKDOWN_SPECIAL = Pattern.compile("[\\\\`*_\\[\\]<>|~]");

  private final EventFileWriter writer;
  private final Clock clock;
  private boolean failed;

  private TensorBoardListener(EventFileWriter writer, Clock clock) {
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * Starts a new event file in {@code directory} for a run whose first step is {@code firstStep}.
   */
  public static TensorBoardListener open(Path directory, long firstStep) throws IOException {
    return open(directory, firstStep, Clock.systemUTC());
  }

  static TensorBoardListener open(Path directory, long firstStep, Clock clock) throws IOException {
    EventFileWriter writer = EventFileWriter.create(directory, WRITER, seconds(clock.instant()));
    try {
      writer.write(Events.sessionStart(seconds(clock.instant()), firstStep));
      writer.flush();
    } catch (IOException | RuntimeException e) {
      try {
        writer.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return new TensorBoardListener(writer, clock);
  }

  /** The event file written. */
  public Path file() {
    return writer.file();
  }

  @Override
  public void progressReported(StepReport report) {
    long step = report.step();
    StepOutcome outcome = report.outcome();
    scalar(step, "train/loss", outcome.loss());
    scalar(step, "train/mlm_loss", outcome.mlmLoss());
    scalar(step, "train/nsp_loss", outcome.nspLoss());
    scalar(step, "train/mlm_accuracy", outcome.mlmAccuracy());
    scalar(step, "train/nsp_accuracy", outcome.nspAccuracy());
    scalar(step, "train/learning_rate", report.learningRate());
    scalar(step, "train/grad_norm", outcome.gradNorm());
    scalar(step, "train/tokens_per_second", report.tokensPerSecond());
    scalar(step, "train/input_wait_share", report.inputWaitShare());
    scalar(step, "train/consumer_lag", report.consumerLag());
  }

  @Override
  public void evaluated(EvalEntry entry) {
    scores(entry.step(), "eval", entry.scores());
    scores(entry.step(), "eval_recent", entry.recent());
    for (Map.Entry<String, List<List<FillMask.Guess>>> probe : entry.probes().entrySet()) {
      write(
          Events.text(
              now(), entry.step(), "probes/" + probe.getKey(), probeText(probe.getValue())));
    }
  }

  @Override
  public void checkpointStarting(long step) {
    if (!failed) {
      try {
        writer.flush();
      } catch (IOException e) {
        fail(e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (!failed) {
      writer.close();
    }
  }

  private void scores(long step, String prefix, Optional<EvalScores> scores) {
    scores.ifPresent(
        s -> {
          scalar(step, prefix + "/mlm_loss", s.mlmLoss());
          scalar(step, prefix + "/mlm_accuracy", s.mlmAccuracy());
          scalar(step, prefix + "/nsp_accuracy", s.nspAccuracy());
        });
  }

  /**
   * Markdown for the text plugin: a line per {@code [MASK]}, its guesses most probable first, e.g.
   * {@code 1. state (0.210), nation (0.100)}; markdown's inline characters in a token are escaped.
   */
  static String probeText(List<List<FillMask.Guess>> atMasks) {
    StringBuilder text = new StringBuilder();
    for (int mask = 0; mask < atMasks.size(); mask++) {
      text.append(mask + 1).append(". ");
      List<FillMask.Guess> guesses = atMasks.get(mask);
      for (int i = 0; i < guesses.size(); i++) {
        FillMask.Guess guess = guesses.get(i);
        text.append(i == 0 ? "" : ", ")
            .append(MARKDOWN_SPECIAL.matcher(guess.token()).replaceAll("\\\\$0"))
            .append(String.format(Locale.ROOT, " (%.3f)", guess.probability()));
      }
      text.append('\n');
    }
    return text.toString();
  }

  private void scalar(long step, String tag, double value) {
    write(Events.scalar(now(), step, tag, (float) value));
  }

  private void write(Event event) {
    if (failed) {
      return;
    }
    try {
      writer.write(event);
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    failed = true;
    LOG.warn(
        "writing the TensorBoard log {} failed; training goes on without it: {}",
        writer.file(),
        e.toString());
    try {
      writer.close();
    } catch (IOException closing) {
      LOG.debug("closing the failed TensorBoard log", closing);
    }
  }

  private double now() {
    return seconds(clock.instant());
  }

  private static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}
