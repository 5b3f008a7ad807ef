package dev.arb.defi.keystore;

import dev.arb.config.PrivateFiles;
import dev.arb.error.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * Encrypted web3j wallet files. {@link #importKey} turns a private key into one (the key itself is
 * never written); {@link #load} unlocks one. Error messages name the file, never the key or the
 * password.
 */
public final class Keystore {

  /** Strength of the scrypt key derivation protecting the file. */
  public enum Kdf {
    /** n = 262144 (geth's standard): about a second and 256 MB to unlock. Use for real keys. */
    STANDARD,
    /** n = 4096 (geth's "light"): fast, much weaker. For test and throwaway wallets only. */
    LIGHT
  }

  /**
   * A new wallet file.
   *
   * @param address the account address, 0x-hex lower case
   * @param file the wallet file written
   */
  public record Imported(String address, Path file) {}

  /** Order of the secp256k1 group: private keys are in [1, n). */
  private static final BigInteger SECP256K1_N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private Keystore() {}

  /**
   * Encrypts {@code privateKeyHex} (64 hex digits, optional 0x) with {@code password} into a new
   * wallet file in {@code dir}, readable only by its owner.
   *
   * @throws ConfigException if the key is not a valid private key, the password is empty, or the
   *     file cannot be written
   */
  public static Imported importKey(String privateKeyHex, String password, Path dir, Kdf kdf) {
    String hex = privateKeyHex == null ? "" : privateKeyHex.strip();
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new ConfigException(
          "keystore: the input is not a private key (expected 64 hex digits, optionally with 0x);"
              + " nothing was written");
    }
    BigInteger key = new BigInteger(hex, 16);
    if (key.signum() == 0 || key.compareTo(SECP256K1_N) >= 0) {
      throw new ConfigException(
          "keystore: the input is not a valid secp256k1 private key; nothing was written");
    }
    if (password == null || password.isEmpty()) {
      throw new ConfigException("keystore: the password is empty; nothing was written");
    }
    ECKeyPair pair = ECKeyPair.create(key);
    try {
      WalletFile wallet =
          kdf == Kdf.STANDARD
              ? Wallet.createStandard(password, pair)
              : Wallet.createLight(password, pair);
      PrivateFiles.directories(dir);
      String address = "0x" + wallet.getAddress().toLowerCase(Locale.ROOT);
      Path file = dir.resolve("arb-" + address + ".json");
      if (Files.exists(file)) {
        throw new ConfigException(
            "keystore: " + file + " already exists; move it away to import this key again");
      }
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      ObjectMapperFactory.getObjectMapper().writeValue(file.toFile(), wallet);
      return new Imported(address, file);
    } catch (CipherException e) {
      throw new ConfigException("keystore: encryption failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("keystore: cannot write into " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Unlocks a wallet file.
   *
   * @throws ConfigException if the file is missing or unreadable or the password is wrong
   */
  public static Credentials load(Path file, String password) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("keystore: no wallet file at " + file);
    }
    PrivateFiles.warnIfShared(file.toAbsolutePath().getParent());
    PrivateFiles.warnIfShared(file);
    try {
      return WalletUtils.loadCredentials(password, file.toFile());
    } catch (CipherException e) {
      throw new ConfigException(
          "keystore: cannot unlock " + file + ": wrong password (or a damaged file)");
    } catch (IOException e) {
      throw new ConfigException("keystore: cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
