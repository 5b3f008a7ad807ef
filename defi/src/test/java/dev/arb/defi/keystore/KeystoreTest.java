package dev.arb.defi.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arb.defi.keystore.Keystore.Kdf;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

class KeystoreTest {
  /** anvil's public dev account 3; holds value on no real chain. */
  private static final String DEV_KEY =
      "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6";

  private static final String DEV_ADDRESS = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

  @TempDir Path dir;

  @Test
  void importsAKeyThatUnlocksWithTheSamePasswordAndNeverStoresItInClear() throws IOException {
    Keystore.Imported imported =
        Keystore.importKey("0x" + DEV_KEY + "\n", "s3cret-pass", dir, Kdf.LIGHT);

    assertThat(imported.address()).isEqualTo(DEV_ADDRESS);
    assertThat(imported.file()).isEqualTo(dir.resolve("arb-" + DEV_ADDRESS + ".json"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(imported.file())))
        .isEqualTo("rw-------");
    String content = Files.readString(imported.file());
    assertThat(content)
        .doesNotContain(DEV_KEY)
        .doesNotContain("s3cret-pass")
        .contains("\"crypto\"");

    Credentials unlocked = Keystore.load(imported.file(), "s3cret-pass");
    assertThat(unlocked.getAddress()).isEqualTo(DEV_ADDRESS);
    assertThat(Numeric.toHexStringNoPrefixZeroPadded(unlocked.getEcKeyPair().getPrivateKey(), 64))
        .isEqualTo(DEV_KEY);
  }

  @Test
  void createsTheKeystoreDirectoryForItsOwnerOnly() throws IOException {
    Path keys = dir.resolve("keys/wallets");

    Keystore.importKey(DEV_KEY, "s3cret-pass", keys, Kdf.LIGHT);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void wrongPasswordSaysSoWithoutRepeatingIt() {
    Keystore.Imported imported = Keystore.importKey(DEV_KEY, "right-one", dir, Kdf.LIGHT);

    assertThatThrownBy(() -> Keystore.load(imported.file(), "wrong-one"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "keystore: cannot unlock " + imported.file() + ": wrong password (or a damaged file)");
  }

  @Test
  void rejectsInputThatIsNotAKeyWithoutEchoingIt() {
    String almost = DEV_KEY.substring(1); // 63 digits
    assertThatThrownBy(() -> Keystore.importKey(almost, "pw", dir, Kdf.LIGHT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a private key")
        .hasMessageNotContaining(almost);
    assertThatThrownBy(() -> Keystore.importKey("0".repeat(64), "pw", dir, Kdf.LIGHT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a valid secp256k1 private key");
    assertThatThrownBy(() -> Keystore.importKey(DEV_KEY, "", dir, Kdf.LIGHT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("password is empty");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void neverOverwritesAWalletFile() {
    Keystore.importKey(DEV_KEY, "pw", dir, Kdf.LIGHT);
    assertThatThrownBy(() -> Keystore.importKey(DEV_KEY, "other", dir, Kdf.LIGHT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("already exists");
    assertThat(Keystore.load(dir.resolve("arb-" + DEV_ADDRESS + ".json"), "pw").getAddress())
        .isEqualTo(DEV_ADDRESS);
  }

  @Test
  void passwordComesFromAPrivateFileOrTheEnvironment() throws IOException {
    Path file = dir.resolve("password");
    Files.writeString(file, "from-file\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeystorePassword.fromFile(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage("keystore: password file " + file + " is readable by others; chmod 600 it");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(KeystorePassword.fromFile(file)).isEqualTo("from-file");

    assertThat(KeystorePassword.fromEnv("PW", Map.of("PW", "from-env"))).isEqualTo("from-env");
    assertThatThrownBy(() -> KeystorePassword.fromEnv("PW", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PW is not set");
  }
}
