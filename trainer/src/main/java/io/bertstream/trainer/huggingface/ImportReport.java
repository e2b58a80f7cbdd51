package io.bertstream.trainer.huggingface;

import java.nio.file.Path;
import java.util.List;

/**
 * What an import did, by the trainer's parameter names.
 *
 * @param source the HuggingFace model directory
 * @param loaded parameters set from the checkpoint
 * @param fresh parameters the checkpoint lacks (pooler, heads), left as the model initialised them
 * @param ignored stored tensors the model has no use for (buffers such as {@code position_ids},
 *     heads of other tasks), by their stored names
 */
public record ImportReport(
    Path source, List<String> loaded, List<String> fresh, List<String> ignored) {

  public ImportReport {
    loaded = List.copyOf(loaded);
    fresh = List.copyOf(fresh);
    ignored = List.copyOf(ignored);
  }

  /** One line for a log. */
  public String summary() {
    return "imported "
        + loaded.size()
        + " tensors from "
        + source
        + (fresh.isEmpty() ? "" : "; starting fresh: " + fresh)
        + (ignored.isEmpty() ? "" : "; ignored " + ignored.size() + " stored tensors");
  }
}
