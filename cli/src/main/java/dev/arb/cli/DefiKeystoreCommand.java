package dev.arb.cli;

import dev.arb.config.DefiConfig;
import dev.arb.config.SecretRef;
import dev.arb.defi.keystore.Keystore;
import dev.arb.defi.keystore.KeystorePassword;
import dev.arb.engine.json.Json;
import dev.arb.error.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code arb defi keystore}: encrypted signing keys. */
@Command(
    name = "keystore",
    mixinStandardHelpOptions = true,
    description = "Encrypted signing keys (web3j wallet files).",
    subcommands = DefiKeystoreCommand.Import.class)
final class DefiKeystoreCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "a keystore subcommand is required (see below)");
  }

  /**
   * {@code arb defi keystore import}: reads a private key from stdin and writes it encrypted with
   * the configured keystore password. The key is never printed, logged or stored in clear.
   */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Read a private key (64 hex digits) from stdin and write an encrypted web3j wallet file.",
        "The password comes from arb.defi.keystore-password (default: env ARB_KEYSTORE_PASSWORD)."
      })
  static final class Import extends BaseCommand {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Directory for the wallet file. Default: <data-dir>/keystore.")
    Path dir;

    @Option(
        names = "--kdf",
        paramLabel = "standard|light",
        description =
            "scrypt strength: ${COMPLETION-CANDIDATES}. Default: standard. 'light' is for test wallets.")
    Keystore.Kdf kdf = Keystore.Kdf.STANDARD;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** {@code --json}: the account imported and its wallet file. */
    record ImportedJson(String address, String file) {}

    @Override
    protected int execute() throws IOException {
      var cfg = config().config();
      String password = password(cfg.defi(), context().env());
      String key = readKey(context().in());
      Path target = dir != null ? dir : cfg.dataDir().resolve("keystore");
      Keystore.Imported imported = Keystore.importKey(key, password, target, kdf);
      if (json) {
        out().println(Json.write(new ImportedJson(imported.address(), imported.file().toString())));
      } else {
        out().println("imported " + imported.address() + " into " + imported.file());
        out().println("use it with: arb.defi.keystore = \"" + imported.file() + "\"");
      }
      out().flush();
      return ExitCode.OK;
    }

    static String password(DefiConfig defi, Map<String, String> env) {
      SecretRef ref =
          defi.keystorePassword()
              .orElseThrow(
                  () -> new ConfigException("config: arb.defi.keystore-password is not set"));
      if (ref instanceof SecretRef.File f) {
        return KeystorePassword.fromFile(f.path());
      }
      return KeystorePassword.fromEnv(((SecretRef.Env) ref).name(), env);
    }

    private static String readKey(InputStream stdin) throws IOException {
      BufferedReader r = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      String line = r.readLine();
      if (line == null || line.isBlank()) {
        throw new ConfigException(
            "keystore: no private key on stdin; pipe it in, e.g. from a password manager");
      }
      return line;
    }
  }
}
