package io.bertstream.tokenizer.train;

import io.bertstream.runtime.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The texts of corpus files and directories, with a progress bar over their bytes. */
public final class CorpusFiles implements TextSource {

  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final List<Path> inputs;
  private final CorpusReader reader;

  public CorpusFiles(List<Path> inputs, CorpusFormat format, String textField) {
    this.inputs = List.copyOf(inputs);
    this.reader = new CorpusReader(format, textField);
  }

  /**
   * @return JSON lines skipped as malformed or without the text field
   */
  @Override
  public long read(Consumer<String> sink, Supplier<String> detail) throws IOException {
    List<Path> files = CorpusReader.files(inputs);
    long total = 0;
    for (Path file : files) {
      total += Files.size(file);
    }
    long grandTotal = total;
    long skipped = 0;
    long done = 0;
    try (Progress progress = Progress.start("counting words", LOG_INTERVAL)) {
      for (Path file : files) {
        long before = done;
        skipped +=
            reader.read(file, sink, bytes -> progress.update(before + bytes, grandTotal, detail));
        done += Files.size(file);
      }
      progress.update(done, grandTotal, detail);
    }
    return skipped;
  }
}
