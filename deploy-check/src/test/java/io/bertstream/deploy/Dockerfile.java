package io.bertstream.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile read as its instructions: comments dropped, continuation lines joined. */
record Dockerfile(List<Instruction> instructions) {

  private static final Pattern KEY_VALUE =
      Pattern.compile("([A-Za-z_][\\w.\\-]*)=(\"[^\"]*\"|\\S+)");

  record Instruction(String keyword, String arguments) {}

  static Dockerfile parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      pending.append(trimmed);
      String instruction = pending.toString().strip();
      pending.setLength(0);
      if (instruction.isEmpty()) {
        continue;
      }
      String[] parts = instruction.split("\\s+", 2);
      instructions.add(
          new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
    }
    return new Dockerfile(instructions);
  }

  List<String> all(String keyword) {
    return instructions.stream()
        .filter(instruction -> instruction.keyword().equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** The last stage's instructions of {@code keyword} (after the last FROM). */
  List<String> finalStage(String keyword) {
    int lastFrom = 0;
    for (int i = 0; i < instructions.size(); i++) {
      if (instructions.get(i).keyword().equals("FROM")) {
        lastFrom = i;
      }
    }
    return instructions.subList(lastFrom, instructions.size()).stream()
        .filter(instruction -> instruction.keyword().equals(keyword))
        .map(Instruction::arguments)
        .toList();
  }

  /** KEY=VALUE pairs of every instruction of {@code keyword} (ENV, LABEL, ARG), quotes removed. */
  Map<String, String> pairs(String keyword) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String arguments : all(keyword)) {
      Matcher matcher = KEY_VALUE.matcher(arguments);
      while (matcher.find()) {
        pairs.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
      }
    }
    return pairs;
  }
}
