package io.bertstream.cli;

import io.bertstream.ingestor.DocumentRules;
import io.bertstream.ingestor.IngestConfig;
import io.bertstream.ingestor.IngestResult;
import io.bertstream.ingestor.InputFormat;
import io.bertstream.ingestor.InvalidUtf8Policy;
import io.bertstream.ingestor.KafkaIngest;
import io.bertstream.ingestor.TextSplit;
import io.bertstream.ingestor.http.RateLimit;
import io.bertstream.ingestor.http.ServeConfig;
import io.bertstream.ingestor.http.TokenFile;
import io.bertstream.ingestor.http.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bertstream ingest PATH... | -} and {@code bertstream ingest serve}. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    subcommands = {IngestCommand.Serve.class, IngestCommand.Token.class},
    description =
        "Publishes documents to <prefix>.docs from files, directories (recursive), gzip "
            + "(detected by its magic bytes), JSON Lines and stdin. Bad input (invalid UTF-8, "
            + "binary files, empty or oversized documents, malformed JSON lines, unreadable "
            + "files) goes to <prefix>.docs.dlq with the reason and where it came from, and is "
            + "counted. Prints a summary at the end; exits 1 if Kafka did not acknowledge every "
            + "record.")
final class IngestCommand implements Callable<Integer> {

  /** Where the options' defaults come from. */
  private static final IngestConfig DEFAULTS = IngestConfig.defaults();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin KafkaOptions kafka;

  @Mixin DocumentOptions documents;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Files or directories to ingest; - reads standard input.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--format",
      description =
          "auto (by extension, ignoring .gz: .jsonl/.ndjson/.json are JSON Lines, others text;"
              + " stdin: JSON Lines if it starts with '{'), text or jsonl (default: ${DEFAULT-VALUE}).")
  InputFormat format = DEFAULTS.format();

  @Option(
      names = "--split",
      converter = SplitConverter.class,
      description =
          "How text inputs become documents: none (one per file), blank-lines (one per"
              + " paragraph) or lines (one per line) (default: ${DEFAULT-VALUE}).")
  TextSplit split = DEFAULTS.split();

  @Option(
      names = "--include",
      paramLabel = "GLOB",
      description =
          "In directories, only files whose name or relative path matches this glob, e.g."
              + " '*.txt' or '**/2024/*.jsonl.gz'. Hidden files and directories are always"
              + " skipped; files named on the command line are always read.")
  String include;

  @Option(
      names = "--progress-interval",
      description =
          "How often progress is logged when not on a terminal (default: ${DEFAULT-VALUE}).")
  String progressInterval = DurationFlag.format(DEFAULTS.progressInterval());

  @Override
  public Integer call() {
    if (paths.isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give files or directories to ingest, or - for standard input");
    }
    for (String path : paths) {
      if (!path.equals(IngestConfig.STDIN)
          && !Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + path);
      }
    }
    IngestConfig config =
        new IngestConfig(
            paths,
            format,
            split,
            Optional.ofNullable(include),
            documents.rules(spec.commandLine()),
            DurationFlag.parse(spec, progressInterval));
    IngestResult result = KafkaIngest.ingest(config, kafka.checkedConnection(), System.in);
    System.out.println(result.summary());
    return result.exitCode();
  }

  /** {@code bertstream ingest serve}. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description =
          "Accepts documents over HTTP or HTTPS: POST /documents with application/json (an object"
              + " or an array of objects), application/x-ndjson (one object a line) or text/plain"
              + " (one document). Answers 200 {\"ids\": [...]} only after Kafka acknowledged every"
              + " document; 400 with the reason for bad JSON, missing text or invalid UTF-8"
              + " (nothing of that request is published); 401 without the bearer token; 413 over"
              + " the size limits; 429 over the client's rate limit (with Retry-After). Also serves"
              + " /metrics, /health/live and /health/ready, without token or rate limit. Runs"
              + " until SIGINT/SIGTERM.")
  static final class Serve implements Callable<Integer> {

    /** Where the options' defaults come from. */
    private static final ServeConfig DEFAULTS = ServeConfig.defaults();

    static final String KEYSTORE_PASSWORD = "--tls-keystore-password";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin KafkaOptions kafka;

    @Mixin DocumentOptions documents;

    @Option(names = "--host", description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
    String host = DEFAULTS.host();

    @Option(
        names = "--port",
        description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = DEFAULTS.port();

    @Option(
        names = "--auth-token-file",
        paramLabel = "FILE",
        description =
            "File holding a bearer token (e.g. from `ingest token --out FILE`); when given,"
                + " POST /documents requires 'Authorization: Bearer <token>'. The ops routes stay"
                + " open for probes. Without it anyone who reaches the port can publish.")
    Path authTokenFile;

    @Option(
        names = "--max-request-bytes",
        description = "Largest request body accepted; larger gets 413 (default: ${DEFAULT-VALUE}).")
    long maxRequestBytes = DEFAULTS.maxRequestBytes();

    @Option(
        names = "--ack-timeout",
        description =
            "How long a request waits for Kafka's acknowledgements before answering 503"
                + " (default: ${DEFAULT-VALUE}).")
    String ackTimeout = DurationFlag.format(DEFAULTS.ackTimeout());

    @Option(
        names = "--rate-limit",
        paramLabel = "RATE",
        description =
            "POST /documents requests each client (remote address) may make: N/s, N/m or N/h;"
                + " over it gets 429 with Retry-After; 0 turns it off. Behind a proxy every"
                + " client has the proxy's address: raise it or limit at the proxy"
                + " (default: ${DEFAULT-VALUE}).")
    String rateLimit = RateLimit.DEFAULT_RATE;

    @Option(
        names = "--rate-limit-burst",
        paramLabel = "N",
        description =
            "How many requests a quiet client may make at once, at least the rate"
                + " (default: twice the rate).")
    Long rateLimitBurst;

    @Option(
        names = "--tls-cert",
        paramLabel = "FILE",
        description =
            "Serve HTTPS only, with this PEM certificate (then any intermediates); needs"
                + " --tls-key. Reloaded when the file changes.")
    Path tlsCert;

    @Option(
        names = "--tls-key",
        paramLabel = "FILE",
        description = "The certificate's unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY).")
    Path tlsKey;

    @Option(
        names = "--tls-keystore",
        paramLabel = "FILE",
        description =
            "Serve HTTPS only, with the key and chain in this PKCS#12 or JKS keystore (instead"
                + " of --tls-cert/--tls-key); its password from --tls-keystore-password-file or"
                + " the environment variable BERTSTREAM_TLS_KEYSTORE_PASSWORD.")
    Path tlsKeystore;

    @Option(
        names = "--tls-keystore-password-file",
        paramLabel = "FILE",
        description = "File holding the keystore's password (also the key's).")
    Path tlsKeystorePasswordFile;

    @Option(
        names = KEYSTORE_PASSWORD,
        paramLabel = "PASSWORD",
        description =
            "The keystore's password, from BERTSTREAM_TLS_KEYSTORE_PASSWORD or the --config"
                + " file only: refused on the command line, where other users' `ps` shows it.")
    String tlsKeystorePassword;

    @Override
    public Integer call() throws Exception {
      ServeConfig config =
          new ServeConfig(
              host,
              port,
              token(),
              maxRequestBytes,
              DurationFlag.parse(spec, ackTimeout),
              documents.rules(spec.commandLine()),
              tls(),
              rateLimit());
      ShutdownSignal signal = ShutdownSignal.install("ingest-serve");
      try (KafkaIngest.Serving serving = KafkaIngest.serve(config, kafka.checkedConnection())) {
        System.out.println("listening: " + serving.url(host));
        System.out.flush();
        signal.await();
        System.err.println("ingest serve: shutting down");
      } finally {
        signal.done();
      }
      return 0;
    }

    private Optional<String> token() {
      if (authTokenFile == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(TokenFile.read(authTokenFile));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--auth-token-file: " + e.getMessage());
      }
    }

    private RateLimit rateLimit() {
      try {
        return RateLimit.parse(rateLimit, rateLimitBurst);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--rate-limit: " + e.getMessage());
      }
    }

    /** The TLS flags, checked for what goes together; the files are read when the server starts. */
    Optional<TlsSettings> tls() {
      CommandLine commandLine = spec.commandLine();
      if (commandLine.getParseResult() != null
          && commandLine.getParseResult().hasMatchedOption(KEYSTORE_PASSWORD)) {
        throw new CommandLine.ParameterException(
            commandLine,
            KEYSTORE_PASSWORD
                + " is refused on the command line (ps shows it to every user): use"
                + " --tls-keystore-password-file or BERTSTREAM_TLS_KEYSTORE_PASSWORD");
      }
      if (tlsKeystore != null) {
        if (tlsCert != null || tlsKey != null) {
          throw new CommandLine.ParameterException(
              commandLine, "give either --tls-keystore or --tls-cert with --tls-key, not both");
        }
        return Optional.of(new TlsSettings.KeyStoreFile(tlsKeystore, keystorePassword()));
      }
      if (tlsKeystorePasswordFile != null) {
        throw new CommandLine.ParameterException(
            commandLine, "--tls-keystore-password-file needs --tls-keystore");
      }
      if ((tlsCert == null) != (tlsKey == null)) {
        throw new CommandLine.ParameterException(
            commandLine, "--tls-cert and --tls-key go together: give both or neither");
      }
      return tlsCert == null ? Optional.empty() : Optional.of(new TlsSettings.Pem(tlsCert, tlsKey));
    }

    private String keystorePassword() {
      CommandLine commandLine = spec.commandLine();
      if (tlsKeystorePasswordFile != null) {
        try {
          return TokenFile.readSecret(tlsKeystorePasswordFile, "keystore password file");
        } catch (IllegalArgumentException e) {
          throw new CommandLine.ParameterException(
              commandLine, "--tls-keystore-password-file: " + e.getMessage());
        }
      }
      if (tlsKeystorePassword == null || tlsKeystorePassword.isEmpty()) {
        throw new CommandLine.ParameterException(
            commandLine,
            "--tls-keystore needs its password: --tls-keystore-password-file FILE or"
                + " BERTSTREAM_TLS_KEYSTORE_PASSWORD");
      }
      return tlsKeystorePassword;
    }
  }

  /** {@code bertstream ingest token}. */
  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description =
          "Writes a new random bearer token (256 bits, hex) to FILE, readable by its owner only,"
              + " for `ingest serve --auth-token-file FILE`; keeps the token already there, so a"
              + " restarted deployment keeps the one its clients have. Never prints the token.")
  static final class Token implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The token file.")
    Path out;

    @Override
    public Integer call() throws IOException {
      boolean written = TokenFile.createIfAbsent(out, new SecureRandom());
      spec.commandLine()
          .getOut()
          .println(
              written ? "wrote a new token to " + out : out + " already holds a token; kept it");
      return 0;
    }
  }

  /** The document rules both ingest commands share. */
  static final class DocumentOptions {

    /** Where the options' defaults come from. */
    private static final DocumentRules DEFAULTS = DocumentRules.defaults();

    @Option(
        names = "--text-field",
        description = "JSON field holding the text (default: ${DEFAULT-VALUE}).")
    String textField = DEFAULTS.textField();

    @Option(
        names = "--id-field",
        description =
            "JSON field holding the document id; without it the id is the SHA-256 of the"
                + " normalized text (default: ${DEFAULT-VALUE}).")
    String idField = DEFAULTS.idField();

    @Option(
        names = "--max-doc-bytes",
        description =
            "Largest document in bytes; larger ones go to the DLQ (files) or get 413 (HTTP)"
                + " (default: ${DEFAULT-VALUE}).")
    int maxDocBytes = DEFAULTS.maxDocBytes();

    @Option(
        names = "--on-invalid-utf8",
        description =
            "detect: read a document that is not UTF-8 in the charset ICU4J detects when it is"
                + " confident (e.g. Latin-1, Windows-1252; recorded as its 'charset' attribute)"
                + " and send the rest to the DLQ (HTTP: 400); reject: send every document that"
                + " is not UTF-8 to the DLQ; replace: publish it with U+FFFD for the bad bytes"
                + " (default: ${DEFAULT-VALUE}).")
    InvalidUtf8Policy onInvalidUtf8 = DEFAULTS.invalidUtf8();

    @Option(
        names = "--dlq-payload-limit",
        description =
            "How many bytes of a rejected item a DLQ record keeps (default: ${DEFAULT-VALUE}).")
    int dlqPayloadLimit = DEFAULTS.dlqPayloadLimit();

    DocumentRules rules(CommandLine commandLine) {
      try {
        return new DocumentRules(textField, idField, maxDocBytes, onInvalidUtf8, dlqPayloadLimit);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(commandLine, e.getMessage());
      }
    }
  }

  /** {@code blank-lines} → {@link TextSplit#BLANK_LINES}. */
  static final class SplitConverter implements CommandLine.ITypeConverter<TextSplit> {
    @Override
    public TextSplit convert(String value) {
      try {
        return TextSplit.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "expected none, blank-lines or lines, not '" + value + "'");
      }
    }
  }
}
