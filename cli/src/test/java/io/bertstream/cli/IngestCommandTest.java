package io.bertstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.bertstream.local.EmbeddedStackExtension;
import io.bertstream.runtime.KafkaConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {

  @RegisterExtension static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Bertstream.commandLine(ConfigLayers.none());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static String[] kafka(KafkaConnection connection, String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "--bootstrap-servers";
    all[1] = connection.bootstrapServers();
    all[2] = "--schema-registry-url";
    all[3] = connection.schemaRegistryUrl();
    all[4] = "--topic-prefix";
    all[5] = connection.topics().prefix();
    System.arraycopy(args, 0, all, 6, args.length);
    return all;
  }

  @Test
  void shouldExplainEveryFlagInHelp() {
    assertThat(run("ingest", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--format",
            "--split",
            "--include",
            "--text-field",
            "--id-field",
            "--max-doc-bytes",
            "--on-invalid-utf8",
            "--dlq-payload-limit",
            "--progress-interval",
            "serve");
    assertThat(run("ingest", "serve", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--port",
            "--auth-token-file",
            "--max-request-bytes",
            "--ack-timeout",
            "--rate-limit",
            "--rate-limit-burst",
            "--tls-cert",
            "--tls-key",
            "--tls-keystore",
            "--tls-keystore-password-file",
            "token");
    assertThat(run("inspect", "--help")).isZero();
    assertThat(out.toString()).contains("--limit", "--from-beginning", "--topic", "--timeout");
  }

  @Test
  void shouldExitWithBadUsageWhenAPathIsMissingOrAFlagIsWrong() {
    assertThat(run("ingest")).isEqualTo(2);
    assertThat(run("ingest", dir.resolve("nope.txt").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such file");
    assertThat(run("ingest", "--split", "pages", dir.toString())).isEqualTo(2);
    assertThat(run("inspect", "tables")).isEqualTo(2);
  }

  @Test
  void shouldIngestAndInspectAgainstARealBroker() throws IOException {
    KafkaConnection connection = STACK.connection("cli");
    Path file = dir.resolve("doc.jsonl");
    Files.writeString(file, "{\"id\":\"c1\",\"text\":\"from the command line\"}\n");
    assertThat(run(kafkaAfter(connection, "ingest", file.toString()))).isZero();
    // The Kafka options belong to each subcommand: they follow its name.
    assertThat(run(kafkaAfter(connection, "inspect", "docs", "--format", "json"))).isZero();
  }

  @Test
  void shouldRefuseTlsAndRateFlagsThatDoNotGoTogetherBeforeTouchingKafka() {
    assertThat(run("ingest", "serve", "--tls-cert", "server.pem")).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-cert and --tls-key go together");
    assertThat(
            run(
                "ingest",
                "serve",
                "--tls-keystore",
                "server.p12",
                "--tls-cert",
                "server.pem",
                "--tls-key",
                "server.key"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("either --tls-keystore or --tls-cert");
    assertThat(run("ingest", "serve", "--tls-keystore", "server.p12")).isEqualTo(2);
    assertThat(err.toString()).contains("--tls-keystore needs its password");
    assertThat(run("ingest", "serve", "--rate-limit", "10/s", "--rate-limit-burst", "3"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("burst (3) must be at least its rate (10 requests/s)");
  }

  @Test
  void shouldRefuseTheKeystorePasswordOnTheCommandLineWithoutEchoingIt() {
    assertThat(
            run(
                "ingest",
                "serve",
                "--tls-keystore",
                "server.p12",
                "--tls-keystore-password",
                "hunter2-on-the-command-line"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("--tls-keystore-password is refused on the command line")
        .doesNotContain("hunter2-on-the-command-line");
  }

  @Test
  void shouldFailWithOneLineAndExit2WhenTheTlsFilesCannotBeRead() {
    KafkaConnection connection = STACK.connection("cli-tls");
    Path missing = dir.resolve("missing.pem");

    int exit =
        run(
            kafkaAfter(
                connection,
                "ingest",
                "serve",
                "--port",
                "0",
                "--tls-cert",
                missing.toString(),
                "--tls-key",
                dir.resolve("missing.key").toString()));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("bertstream ingest serve: TLS certificate " + missing + ": no such file");
  }

  @Test
  void shouldWriteATokenOnceReadableByItsOwnerOnlyAndNeverPrintIt() throws IOException {
    Path token = dir.resolve("secrets").resolve("ingest-token");

    assertThat(run("ingest", "token", "--out", token.toString())).isZero();
    String written = Files.readString(token).strip();
    assertThat(run("ingest", "token", "--out", token.toString())).isZero();

    assertThat(written).matches("[0-9a-f]{64}");
    assertThat(Files.readString(token).strip()).as("a second run keeps it").isEqualTo(written);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token)))
        .isEqualTo("rw-------");
    assertThat(out.toString())
        .contains("wrote a new token to " + token, token + " already holds a token; kept it")
        .doesNotContain(written);
  }

  private static String[] kafkaAfter(KafkaConnection connection, String... args) {
    String[] kafkaArgs = kafka(connection);
    String[] all = new String[args.length + kafkaArgs.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(kafkaArgs, 0, all, args.length, kafkaArgs.length);
    return all;
  }
}
