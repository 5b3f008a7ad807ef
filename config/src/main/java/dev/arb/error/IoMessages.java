package dev.arb.error;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file, as a person reads it: {@code /x/arb.conf already exists}, not {@code
 * java.nio.file.FileAlreadyExistsException: /x/arb.conf}.
 */
public final class IoMessages {
  private IoMessages() {}

  /** {@code e} in words, naming the file it concerns when it names one. */
  public static String of(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String file = f.getFile();
      if (e instanceof FileAlreadyExistsException) {
        return file + " already exists";
      }
      if (e instanceof NoSuchFileException) {
        return file + " does not exist";
      }
      if (e instanceof AccessDeniedException) {
        return file + ": permission denied";
      }
      if (e instanceof NotDirectoryException) {
        return file + " is not a folder";
      }
      if (e instanceof DirectoryNotEmptyException) {
        return file + " is a folder that is not empty";
      }
      String reason = f.getReason();
      return reason == null ? file + ": cannot be used" : file + ": " + reason;
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "an input/output error" : m;
  }
}
