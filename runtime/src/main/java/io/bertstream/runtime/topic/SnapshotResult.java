package io.bertstream.runtime.topic;

/**
 * What one {@link TopicSnapshot#read} saw.
 *
 * @param delivered records handed to the sink
 * @param taken of those, the ones the sink took (they count toward the limits)
 * @param undecodable records skipped because they could not be decoded
 */
public record SnapshotResult(long delivered, long taken, long undecodable) {

  /** Records not used: undecodable ones and those the sink passed over. */
  public long skipped() {
    return undecodable + delivered - taken;
  }
}
