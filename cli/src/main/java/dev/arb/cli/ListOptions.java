package dev.arb.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of the commands that list stored rows newest first ({@code arb history}, {@code arb
 * dlq list}): {@code --since}, {@code --limit} and {@code --json}, as a picocli mixin. Each command
 * keeps its own {@code --status}, whose values differ, with a {@link StatusConverter}.
 */
final class ListOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      converter = TimeArg.Converter.class,
      description = "Only those from TIME on: " + TimeArg.FORMS + ".")
  TimeArg since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "Show at most N, newest first (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description = "Print a JSON array (snake_case keys) instead of a table.")
  boolean json;

  /**
   * {@code --limit}, checked.
   *
   * @throws ParameterException when it is below 1
   */
  int limit() {
    if (limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    return limit;
  }

  /** {@code --since}, relative values counted back from {@code clock}'s now. */
  Optional<Instant> since(Clock clock) {
    return Optional.ofNullable(since).map(t -> t.resolve(clock));
  }

  /**
   * A {@code --status} value: parsed case-insensitively, the parser's message (naming the allowed
   * values) shown when wrong. Subclasses name the parser, since picocli instantiates converters.
   */
  abstract static class StatusConverter<T> implements ITypeConverter<T> {
    private final Function<String, T> parse;

    StatusConverter(Function<String, T> parse) {
      this.parse = parse;
    }

    @Override
    public T convert(String value) {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
