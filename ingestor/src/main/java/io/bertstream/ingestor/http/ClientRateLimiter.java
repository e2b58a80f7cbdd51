package io.bertstream.ingestor.http;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One token bucket per client under a {@link RateLimit}. The buckets live in a map bounded by
 * {@link RateLimit#maxClients()} that forgets the least recently seen client first: a forgotten
 * client comes back with a full bucket, which is the worst a flood of new addresses can get.
 */
final class ClientRateLimiter {

  private final RateLimit limit;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets;

  ClientRateLimiter(RateLimit limit, TimeMeter time) {
    this.limit = limit;
    this.time = time;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > limit.maxClients();
          }
        };
  }

  ClientRateLimiter(RateLimit limit) {
    this(limit, TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * Takes one request from {@code client}'s bucket: empty when it may go on, else how long until it
   * may try again.
   */
  Optional<Duration> acquire(String client) {
    if (!limit.enabled()) {
      return Optional.empty();
    }
    ConsumptionProbe probe = bucket(client).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** How many clients are remembered now. */
  synchronized int clients() {
    return buckets.size();
  }

  private synchronized Bucket bucket(String client) {
    return buckets.computeIfAbsent(client, ignored -> newBucket());
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            bandwidth ->
                bandwidth.capacity(limit.burst()).refillGreedy(limit.requests(), limit.period()))
        .withCustomTimePrecision(time)
        .build();
  }
}
