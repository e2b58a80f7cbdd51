package io.bertstream.ingestor.source;

import io.bertstream.ingestor.ItemSink;
import java.io.IOException;
import java.io.InputStream;

/** Turns one input's (uncompressed) bytes into documents and rejections, streaming. */
public interface DocumentSource {

  /**
   * Reads {@code content} to its end.
   *
   * @param source the name documents carry (file path or {@code stdin})
   * @throws IOException when the input itself fails (truncated gzip, read error); what was read
   *     before stays delivered
   */
  void read(InputStream content, String source, ItemSink sink) throws IOException;
}
