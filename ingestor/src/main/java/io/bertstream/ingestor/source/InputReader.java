package io.bertstream.ingestor.source;

import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.InputFormat;
import io.bertstream.ingestor.ItemSink;
import io.bertstream.ingestor.Rejection;
import io.bertstream.runtime.deadletter.DeadLetterReason;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipException;

/**
 * Reads files, directories ({@link InputWalk walked} recursively, following links, skipping hidden
 * entries) and stdin, one input at a time, into an {@link ItemSink}. Whatever cannot be read — a
 * dangling link, a FIFO or device, a permission error, a truncated gzip, binary content — becomes a
 * {@link Rejection}; nothing stops the run.
 */
public final class InputReader {

  private static final byte[] NO_PAYLOAD = new byte[0];

  private final IngestConfig config;
  private final ItemSink sink;
  private final InputWalk walk;
  private final AtomicLong bytesRead;
  private final AtomicLong filesRead;

  public InputReader(
      IngestConfig config, ItemSink sink, AtomicLong bytesRead, AtomicLong filesRead) {
    this.config = config;
    this.sink = sink;
    this.walk = new InputWalk(config.include());
    this.bytesRead = bytesRead;
    this.filesRead = filesRead;
  }

  /** A file (read whatever its name) or a directory (walked, filtered by {@code --include}). */
  public void readPath(Path path) {
    walk.walk(
        path,
        new InputWalk.Visitor() {
          @Override
          public void file(Path file, boolean regular, boolean symbolicLink) {
            readFile(file, regular, symbolicLink);
          }

          @Override
          public void failed(Path failed, IOException e) {
            unreadable(failed.toString(), e);
          }
        });
  }

  /** Standard input: gzip by magic bytes; with format auto, JSON Lines if it starts with '{'. */
  public void readStream(InputStream in, String source) {
    read(in, source, config.format() == InputFormat.AUTO ? null : config.format());
  }

  private void readFile(Path file, boolean regular, boolean symbolicLink) {
    String source = file.toString();
    if (!regular) {
      // Opening a FIFO would block forever and a device may never end: only regular files are read.
      String what = symbolicLink ? "dangling symbolic link" : "not a regular file";
      sink.reject(Rejection.at(source, NO_PAYLOAD, DeadLetterReason.UNREADABLE, what));
      return;
    }
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (IOException e) {
      unreadable(source, e);
      return;
    }
    filesRead.incrementAndGet();
    read(raw, source, formatOf(file));
  }

  private InputFormat formatOf(Path file) {
    if (config.format() != InputFormat.AUTO) {
      return config.format();
    }
    String name = Compression.stripSuffix(file.getFileName().toString()).toLowerCase(Locale.ROOT);
    return name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")
        ? InputFormat.JSONL
        : InputFormat.TEXT;
  }

  /** Reads one input to its end; {@code format} null means: sniff the first byte. */
  private void read(InputStream raw, String source, InputFormat format) {
    try (InputStream content = Compression.open(new CountingInputStream(raw, bytesRead))) {
      byte[] head = new byte[BinarySniffer.SNIFF_BYTES];
      content.mark(Math.max(BinarySniffer.SNIFF_BYTES, config.rules().dlqPayloadLimit()) + 1);
      int headLength = content.readNBytes(head, 0, head.length);
      content.reset();
      Optional<String> binary = BinarySniffer.whyBinary(head, headLength);
      if (binary.isPresent()) {
        byte[] payload = content.readNBytes(config.rules().dlqPayloadLimit());
        sink.reject(Rejection.at(source, payload, DeadLetterReason.BINARY, binary.get()));
        return;
      }
      InputFormat resolved = format != null ? format : sniffFormat(head, headLength);
      DocumentSource documents =
          resolved == InputFormat.JSONL
              ? new JsonLinesSource(config.rules())
              : new TextSource(config.split(), config.rules());
      documents.read(content, source, sink);
    } catch (ZipException | EOFException e) {
      sink.reject(
          Rejection.at(
              source,
              NO_PAYLOAD,
              DeadLetterReason.CORRUPT_COMPRESSION,
              "truncated or corrupt compressed input: " + e.getMessage()));
    } catch (IOException e) {
      unreadable(source, e);
    }
  }

  private static InputFormat sniffFormat(byte[] head, int length) {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(head[i])) {
        return head[i] == '{' ? InputFormat.JSONL : InputFormat.TEXT;
      }
    }
    return InputFormat.TEXT;
  }

  private void unreadable(String source, IOException e) {
    String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
    sink.reject(Rejection.at(source, NO_PAYLOAD, DeadLetterReason.UNREADABLE, detail));
  }
}
