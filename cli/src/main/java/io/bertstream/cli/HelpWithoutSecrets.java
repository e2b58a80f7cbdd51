package io.bertstream.cli;

import io.bertstream.schemas.registry.Redaction;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help whose option list hides the user info of URLs: an option's shown default may come from the
 * environment or the config file ({@code BERTSTREAM_SCHEMA_REGISTRY_URL=https://user:pw@host}), and
 * {@code --help} must not print the password. Cells are masked before the table wraps them.
 */
final class HelpWithoutSecrets extends Help {

  HelpWithoutSecrets(CommandSpec spec, ColorScheme colorScheme) {
    super(spec, colorScheme);
  }

  @Override
  public IOptionRenderer createDefaultOptionRenderer() {
    IOptionRenderer shown = super.createDefaultOptionRenderer();
    return (option, labels, scheme) -> {
      Ansi.Text[][] rows = shown.render(option, labels, scheme);
      for (Ansi.Text[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          String plain = row[i].plainString();
          String masked = Redaction.withoutUserInfo(plain);
          if (!masked.equals(plain)) {
            row[i] = scheme.ansi().new Text(masked, scheme);
          }
        }
      }
      return rows;
    };
  }
}
