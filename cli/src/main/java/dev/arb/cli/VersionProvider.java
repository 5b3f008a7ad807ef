package dev.arb.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code arb --version}: the version in the jar's manifest, or "development build". */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = ArbCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "arb " + (v == null ? "(development build)" : v),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
