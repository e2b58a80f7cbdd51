package io.bertstream.deploy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code /metrics} scrape (Prometheus text format) exports: every series name as the samples
 * spell it ({@code _total}, {@code _count}, {@code _sum} included) and each family's {@code #
 * TYPE}.
 *
 * @param samples the names on sample lines
 * @param types the type of each family named by a {@code # TYPE} line
 */
record PrometheusText(Set<String> samples, Map<String, String> types) {

  /** Suffixes a sample adds to its family's name, with the family types that add each. */
  private static final Map<String, Set<String>> SUFFIXES =
      Map.of(
          "_total", Set.of("counter"),
          "_count", Set.of("histogram", "summary"),
          "_sum", Set.of("histogram", "summary"),
          "_bucket", Set.of("histogram"));

  PrometheusText {
    samples = Set.copyOf(samples);
    types = Map.copyOf(types);
  }

  static PrometheusText parse(String text) {
    Set<String> samples = new HashSet<>();
    Map<String, String> types = new HashMap<>();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.startsWith("#")) {
        List<String> words = List.of(trimmed.split("\\s+"));
        if (words.size() >= 4 && words.get(1).equals("TYPE")) {
          types.put(words.get(2), words.get(3));
        }
        continue;
      }
      int end = 0;
      while (end < trimmed.length() && trimmed.charAt(end) != '{' && trimmed.charAt(end) != ' ') {
        end++;
      }
      samples.add(trimmed.substring(0, end));
    }
    return new PrometheusText(samples, types);
  }

  /** The union of several scrapes. */
  static PrometheusText union(List<PrometheusText> scrapes) {
    Set<String> samples = new HashSet<>();
    Map<String, String> types = new HashMap<>();
    for (PrometheusText scrape : scrapes) {
      samples.addAll(scrape.samples());
      types.putAll(scrape.types());
    }
    return new PrometheusText(samples, types);
  }

  boolean exports(String sample) {
    return samples.contains(sample);
  }

  /**
   * The type of the family {@code sample} belongs to. A suffix is taken off only where the family's
   * type adds it: {@code _total} to a counter, {@code _count}/{@code _sum} to a histogram or
   * summary, {@code _bucket} to a histogram.
   */
  Optional<String> typeOf(String sample) {
    if (types.containsKey(sample)) {
      return Optional.of(types.get(sample));
    }
    for (Map.Entry<String, Set<String>> suffix : SUFFIXES.entrySet()) {
      if (sample.endsWith(suffix.getKey())) {
        String family = sample.substring(0, sample.length() - suffix.getKey().length());
        String type = types.get(family);
        if (type != null && suffix.getValue().contains(type)) {
          return Optional.of(type);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code sample} only ever goes up (rate and increase make sense of nothing else): a
   * counter's series, or the {@code _count}, {@code _sum} or {@code _bucket} of a histogram or
   * summary.
   */
  boolean counts(String sample) {
    Optional<String> type = typeOf(sample);
    if (type.isEmpty() || !exports(sample)) {
      return false;
    }
    return switch (type.get()) {
      case "counter" -> true;
      case "histogram", "summary" ->
          sample.endsWith("_count") || sample.endsWith("_sum") || sample.endsWith("_bucket");
      default -> false;
    };
  }
}
