package io.bertstream.stream.recipe;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.FilteredBreakIteratorBuilder;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentences with ICU's sentence rules (UAX #29) plus ICU's list of English
 * abbreviations that do not end a sentence ("Mr.", "Dr.", "U.S.", ...). Decimals and closing quotes
 * stay inside their sentence; line breaks end a sentence, as they end a paragraph.
 *
 * <p>Not thread-safe (ICU iterators keep state): each stream task owns its own.
 */
public final class SentenceSplitter {

  /**
   * Titles that precede a name and so never end a sentence, on top of ICU's own English list (which
   * has "Mr." and "Mrs." but leaves out e.g. "Dr.", being also "Drive").
   */
  private static final List<String> ABBREVIATIONS =
      List.of(
          "Dr.", "Gen.", "Gov.", "Sen.", "Rep.", "Hon.", "Prof.", "Rev.", "Capt.", "Col.", "Lt.",
          "Adm.", "Sgt.", "Messrs.", "Mme.", "U.S.");

  private final BreakIterator iterator;

  public SentenceSplitter() {
    ULocale english = ULocale.ENGLISH;
    this.iterator =
        FilteredBreakIteratorBuilder.getInstance(english)
            .wrapIteratorWithFilter(BreakIterator.getSentenceInstance(english));
  }

  /** The sentences of {@code text}, trimmed, blank ones left out. */
  public List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    iterator.setText(text);
    int end;
    for (int start = iterator.first(); (end = iterator.next()) != BreakIterator.DONE; start = end) {
      String sentence = text.substring(start, end).strip();
      if (sentence.isEmpty()) {
        continue;
      }
      int last = sentences.size() - 1;
      if (last >= 0 && endsWithAbbreviation(sentences.get(last)) && !endsParagraph(text, start)) {
        sentences.set(last, sentences.get(last) + " " + sentence);
      } else {
        sentences.add(sentence);
      }
    }
    return sentences;
  }

  // ICU's suppressBreakAfter does not catch "U.S." before a capital, so extra abbreviations are
  // joined back here instead.
  private static boolean endsWithAbbreviation(String sentence) {
    for (String abbreviation : ABBREVIATIONS) {
      if (sentence.endsWith(abbreviation)) {
        int before = sentence.length() - abbreviation.length() - 1;
        if (before < 0 || !Character.isLetterOrDigit(sentence.charAt(before))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean endsParagraph(String text, int breakAt) {
    for (int i = breakAt - 1; i >= 0 && Character.isWhitespace(text.charAt(i)); i--) {
      if (text.charAt(i) == '\n') {
        return true;
      }
    }
    return false;
  }
}
