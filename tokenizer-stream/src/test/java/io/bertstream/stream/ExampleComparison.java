package io.bertstream.stream;

import io.bertstream.avro.PretrainingExample;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * The committed output of a disturbed run against an undisturbed run of the same documents, record
 * by record by example id.
 *
 * @param expected examples of the undisturbed run
 * @param committed records in the committed output
 * @param duplicated committed records beyond the first of their id
 * @param missing ids of the undisturbed run absent from the committed output
 * @param unexpected committed ids the undisturbed run does not have
 * @param differing ids in both whose records differ
 * @param differingFields the fields in which they differ
 */
record ExampleComparison(
    int expected,
    int committed,
    int duplicated,
    Set<String> missing,
    Set<String> unexpected,
    Set<String> differing,
    Set<String> differingFields) {

  static ExampleComparison of(
      List<PretrainingExample> undisturbed, List<PretrainingExample> committed) {
    Map<String, PretrainingExample> expected = byId(undisturbed);
    Map<String, PretrainingExample> actual = byId(committed);
    Set<String> missing = new TreeSet<>();
    Set<String> differing = new TreeSet<>();
    Set<String> fields = new TreeSet<>();
    for (Map.Entry<String, PretrainingExample> entry : expected.entrySet()) {
      PretrainingExample other = actual.get(entry.getKey());
      if (other == null) {
        missing.add(entry.getKey());
      } else if (!other.equals(entry.getValue())) {
        differing.add(entry.getKey());
        fields.addAll(differingFields(entry.getValue(), other));
      }
    }
    Set<String> unexpected = new TreeSet<>(actual.keySet());
    unexpected.removeAll(expected.keySet());
    return new ExampleComparison(
        undisturbed.size(),
        committed.size(),
        committed.size() - actual.size(),
        missing,
        unexpected,
        differing,
        fields);
  }

  /** Examples of the undisturbed run not committed as they were: missing or different. */
  long lost() {
    return missing.size() + differing.size();
  }

  boolean identical() {
    return duplicated == 0 && missing.isEmpty() && unexpected.isEmpty() && differing.isEmpty();
  }

  private static Map<String, PretrainingExample> byId(List<PretrainingExample> examples) {
    Map<String, PretrainingExample> byId = new HashMap<>();
    for (PretrainingExample example : examples) {
      byId.putIfAbsent(example.getId(), example);
    }
    return byId;
  }

  private static Set<String> differingFields(PretrainingExample a, PretrainingExample b) {
    Set<String> names = new TreeSet<>();
    for (Schema.Field field : a.getSchema().getFields()) {
      if (!Objects.equals(a.get(field.pos()), b.get(field.pos()))) {
        names.add(field.name());
      }
    }
    return names;
  }

  /** A short account for assertion messages: counts and the first few ids of each kind. */
  String summary() {
    return "expected "
        + expected
        + ", committed "
        + committed
        + ", duplicated "
        + duplicated
        + ", missing "
        + firstFew(missing)
        + ", unexpected "
        + firstFew(unexpected)
        + ", differing "
        + firstFew(differing)
        + " in fields "
        + differingFields;
  }

  private static String firstFew(Set<String> ids) {
    return ids.size() + (ids.isEmpty() ? "" : " " + ids.stream().limit(5).toList());
  }
}
