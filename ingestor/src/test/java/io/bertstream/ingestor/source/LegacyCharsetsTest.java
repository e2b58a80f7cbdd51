package io.bertstream.ingestor.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Legacy charsets on real text: State of the Union addresses re-encoded as a Windows program would
 * have saved them, European Latin-1 prose, Cyrillic; and what must stay undecidable: random bytes
 * and broken UTF-8.
 */
class LegacyCharsetsTest {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Path SOTU = Path.of(System.getProperty("bertstream.sotu"));

  private static List<String> sotuTexts() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SOTU)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        texts.add(json.readTree(line).get("text").asText());
      }
    }
    return texts;
  }

  /** Typewriter punctuation as a word processor saves it: curly apostrophes, em dashes. */
  private static String typographic(String text) {
    return text.replace("--", "\u2014").replaceAll("(\\w)'(\\w)", "$1\u2019$2");
  }

  private static LegacyCharsets.Detection decode(byte[] bytes) {
    return LegacyCharsets.decode(bytes, bytes.length);
  }

  @Test
  void shouldReadEverySotuAddressWithNonAsciiTextSavedAsWindows1252() throws IOException {
    List<String> addresses =
        sotuTexts().stream()
            .filter(t -> t.chars().anyMatch(c -> c > 127))
            .filter(t -> WINDOWS_1252.newEncoder().canEncode(t))
            .toList();
    assertThat(addresses).hasSizeGreaterThanOrEqualTo(10);
    for (String text : addresses) {
      LegacyCharsets.Detection detection = decode(text.getBytes(WINDOWS_1252));
      assertThat(detection.text()).isEqualTo(text);
      assertThat(detection.charset()).isEqualTo("windows-1252");
    }
  }

  @Test
  void shouldReadMailSizedPiecesOfSotuSavedAsWindows1252() throws IOException {
    int pieces = 0;
    for (String text : sotuTexts()) {
      String typed = typographic(text);
      for (int start = 0; start + 500 <= typed.length() && pieces < 400; start += 3500) {
        String piece = typed.substring(start, start + 500);
        if (piece.chars().allMatch(c -> c < 128) || !WINDOWS_1252.newEncoder().canEncode(piece)) {
          continue;
        }
        pieces++;
        LegacyCharsets.Detection detection = decode(piece.getBytes(WINDOWS_1252));
        assertThat(detection.text()).as(piece).isEqualTo(piece);
        assertThat(detection.charset()).isEqualTo("windows-1252");
      }
    }
    assertThat(pieces).isEqualTo(400);
  }

  @Test
  void shouldReadLatin1ProseInItsLanguages() {
    List<String> prose =
        List.of(
            "Sehr geehrte Damen und Herren, wir würden uns über eine baldige Antwort freuen."
                + " Mit freundlichen Grüßen aus München.",
            "Le président a déclaré que l'économie française était plus forte qu'à l'été dernier,"
                + " malgré la hausse des prix de l'énergie.",
            "El niño comió una manzana por la mañana y después habló con su abuela en el jardín.");
    for (String text : prose) {
      LegacyCharsets.Detection detection = decode(text.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(detection.text()).isEqualTo(text);
      assertThat(detection.charset()).isEqualTo("windows-1252");
    }
  }

  @Test
  void shouldReadCyrillicSavedAsWindows1251() {
    String text =
        "Уважаемые коллеги, сообщаем вам, что собрание состоится в четверг в десять часов утра"
            + " в большом зале. Просим не опаздывать и взять с собой все необходимые документы.";
    LegacyCharsets.Detection detection = decode(text.getBytes(Charset.forName("windows-1251")));
    assertThat(detection.text()).isEqualTo(text);
    assertThat(detection.charset()).isEqualTo("windows-1251");
  }

  @Test
  void shouldLeaveRandomBytesUndecidable() {
    Random random = new Random(15);
    for (int i = 0; i < 500; i++) {
      byte[] bytes = new byte[32 + random.nextInt(4096)];
      random.nextBytes(bytes);
      LegacyCharsets.Detection detection = decode(bytes);
      assertThat(detection.ok()).as("random input %d of %d bytes", i, bytes.length).isFalse();
      assertThat(detection.whyNot()).isNotBlank();
    }
  }

  @Test
  void shouldLeaveBrokenUtf8UndecidableRatherThanTurnItIntoMojibake() {
    byte[] good = "Grüße aus Köln, schöne Tage am Rhein.".getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[good.length - 1];
    // Cut the second byte of "ö": one malformed byte among four well-formed characters.
    int cut = new String(good, StandardCharsets.UTF_8).indexOf('ö') + 2;
    System.arraycopy(good, 0, broken, 0, cut);
    System.arraycopy(good, cut + 1, broken, cut, good.length - cut - 1);

    LegacyCharsets.Detection detection = decode(broken);

    assertThat(detection.ok()).isFalse();
    assertThat(detection.whyNot()).startsWith("mostly UTF-8");
  }
}
