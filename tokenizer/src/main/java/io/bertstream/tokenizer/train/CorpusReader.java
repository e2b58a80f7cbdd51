package io.bertstream.tokenizer.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams the texts of corpus files and directories (walked in name order): plain text or JSON
 * lines, gzip-compressed or not (recognized by its magic bytes). Nothing is held in memory beyond
 * one line.
 */
public final class CorpusReader {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusReader.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CorpusFormat format;
  private final String textField;

  public CorpusReader(CorpusFormat format, String textField) {
    this.format = format;
    this.textField = textField;
  }

  /** The regular files under {@code inputs}, directories expanded in name order. */
  public static List<Path> files(List<Path> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new IOException("no such file or directory: " + input);
      }
    }
    return files;
  }

  /**
   * Hands every text of {@code file} to {@code sink}; {@code bytesRead} hears the running count of
   * file bytes consumed (compressed bytes for gzip), for progress.
   *
   * @return the number of JSON lines skipped because they were malformed or had no text field
   */
  public long read(Path file, Consumer<String> sink, LongConsumer bytesRead) throws IOException {
    boolean jsonl = isJsonLines(file);
    long skipped = 0;
    try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(decompressed(counted), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (!jsonl) {
          sink.accept(line);
        } else if (!line.isBlank()) {
          String text = jsonText(line);
          if (text == null) {
            if (skipped++ == 0) {
              LOG.warn(
                  "{}:{}: not a JSON object with a string field '{}'; skipping such lines",
                  file,
                  lineNumber,
                  textField);
            }
          } else {
            sink.accept(text);
          }
        }
        bytesRead.accept(counted.count());
      }
    }
    return skipped;
  }

  private String jsonText(String line) {
    try {
      JsonNode field = MAPPER.readTree(line).get(textField);
      return field != null && field.isTextual() ? field.asText() : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private boolean isJsonLines(Path file) {
    if (format != CorpusFormat.AUTO) {
      return format == CorpusFormat.JSONL;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    return name.endsWith(".jsonl") || name.endsWith(".ndjson");
  }

  private static InputStream decompressed(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    boolean gzip = first == 0x1f && second == 0x8b;
    return gzip ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** Counts the bytes taken from the file, for a progress bar over the whole input. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
