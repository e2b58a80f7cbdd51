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
  private static final List<String> TITLES =
      List.of(
          "Dr.", "Gen.", "Gov.", "Sen.", "Rep.", "Hon.", "Prof.", "Rev.", "Capt.", "Col.", "Lt.",
          "Adm.", "Sgt.", "Messrs.", "Mme.");

  private final BreakIterator iterator;

  public SentenceSplitter() {
    ULocale english = ULocale.ENGLISH;
    FilteredBreakIteratorBuilder builder = FilteredBreakIteratorBuilder.getInstance(english);
    for (String title : TITLES) {
      builder.suppressBreakAfter(title);
    }
    this.iterator = builder.wrapIteratorWithFilter(BreakIterator.getSentenceInstance(english));
  }

  /** The sentences of {@code text}, trimmed, blank ones left out. */
  public List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    iterator.setText(text);
    int start = iterator.first();
    for (int end = iterator.next(); end != BreakIterator.DONE; end = iterator.next()) {
      String sentence = text.substring(start, end).strip();
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
      }
      start = end;
    }
    return sentences;
  }
}
