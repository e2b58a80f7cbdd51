package io.bertstream.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The metric names a PromQL expression selects, read with a small lexer rather than a full parser:
 * label matchers, ranges, strings, numbers, Grafana variables, keywords and label lists are
 * skipped; every other identifier not followed by {@code (} is a metric name. A {@code __name__}
 * matcher is refused, since it would hide a name from this check.
 */
final class PromQl {

  /** Binary operators, modifiers and literals that look like identifiers. */
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end");

  /** Keywords followed by a parenthesised list of label names, not an expression. */
  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  /**
   * One metric an expression selects.
   *
   * @param metric the metric (series) name as written
   * @param function the innermost function or aggregation it is an argument of, "" if none
   */
  record Selector(String metric, String function) {}

  /** The label lists that may come between an aggregation's name and its argument. */
  private static final Set<String> AGGREGATION_LISTS = Set.of("by", "without");

  private final String expression;
  private int position;

  private PromQl(String expression) {
    this.expression = expression;
  }

  /** Every selector of {@code expression}, in order. */
  static List<Selector> selectors(String expression) {
    return new PromQl(expression).read();
  }

  private List<Selector> read() {
    List<Selector> selectors = new ArrayList<>();
    Deque<String> calls = new ArrayDeque<>();
    String pendingCall = "";
    while (position < expression.length()) {
      char c = expression.charAt(position);
      if (Character.isWhitespace(c)) {
        position++;
      } else if (c == '#') {
        skipLine();
      } else if (c == '"' || c == '\'' || c == '`') {
        skipString(c);
      } else if (c == '{') {
        skipMatchers();
      } else if (c == '[') {
        skipPast(']');
      } else if (c == '$') {
        skipVariable();
      } else if (Character.isDigit(c) || (c == '.' && nextIsDigit())) {
        skipWord();
      } else if (isIdentifierStart(c)) {
        String word = identifier();
        boolean call = nextNonBlank() == '(';
        if (LABEL_LISTS.contains(word)) {
          if (call) {
            skipPast(')');
          }
        } else if (call || AGGREGATION_LISTS.contains(nextWord())) {
          // An aggregation's label list may sit between its name and its argument.
          pendingCall = word;
        } else if (!KEYWORDS.contains(word)) {
          selectors.add(new Selector(word, calls.isEmpty() ? "" : calls.peek()));
        }
      } else if (c == '(') {
        calls.push(pendingCall);
        pendingCall = "";
        position++;
      } else if (c == ')') {
        if (calls.isEmpty()) {
          throw new IllegalArgumentException("unbalanced ) at " + position + ": " + expression);
        }
        calls.pop();
        position++;
      } else {
        position++;
      }
    }
    if (!calls.isEmpty()) {
      throw new IllegalArgumentException("unclosed ( in " + expression);
    }
    return selectors;
  }

  private boolean nextIsDigit() {
    return position + 1 < expression.length() && Character.isDigit(expression.charAt(position + 1));
  }

  private char nextNonBlank() {
    int at = blanksFrom(position);
    return at < expression.length() ? expression.charAt(at) : '\0';
  }

  private String nextWord() {
    int start = blanksFrom(position);
    int end = start;
    while (end < expression.length() && isIdentifierPart(expression.charAt(end))) {
      end++;
    }
    return expression.substring(start, end);
  }

  private int blanksFrom(int at) {
    while (at < expression.length() && Character.isWhitespace(expression.charAt(at))) {
      at++;
    }
    return at;
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_' || c == ':';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }

  private String identifier() {
    int start = position;
    while (position < expression.length() && isIdentifierPart(expression.charAt(position))) {
      position++;
    }
    return expression.substring(start, position);
  }

  /** A number or a duration ({@code 1e3}, {@code 0x1f}, {@code 5m}). */
  private void skipWord() {
    while (position < expression.length()
        && (isIdentifierPart(expression.charAt(position)) || expression.charAt(position) == '.')) {
      position++;
    }
  }

  /** {@code $name}, {@code ${name}} or {@code ${name:format}}. */
  private void skipVariable() {
    position++;
    if (position < expression.length() && expression.charAt(position) == '{') {
      skipPast('}');
    } else {
      identifier();
    }
  }

  private void skipLine() {
    while (position < expression.length() && expression.charAt(position) != '\n') {
      position++;
    }
  }

  private void skipString(char quote) {
    position++;
    while (position < expression.length()) {
      char c = expression.charAt(position++);
      if (c == '\\' && quote != '`') {
        position++;
      } else if (c == quote) {
        return;
      }
    }
    throw new IllegalArgumentException("unterminated string in " + expression);
  }

  private void skipMatchers() {
    int start = position;
    skipPast('}');
    String matchers = expression.substring(start, position);
    if (matchers.contains("__name__")) {
      throw new IllegalArgumentException(
          "name the metric before the braces, not in a __name__ matcher: " + expression);
    }
  }

  /** Skips to just past {@code close}, over strings on the way. */
  private void skipPast(char close) {
    int start = position;
    position++;
    while (position < expression.length()) {
      char c = expression.charAt(position);
      if (c == '"' || c == '\'' || c == '`') {
        skipString(c);
      } else {
        position++;
        if (c == close) {
          return;
        }
      }
    }
    throw new IllegalArgumentException(
        "no " + close + " after position " + start + ": " + expression);
  }
}
