package dev.arb.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.arb.engine.json.Json;
import dev.arb.engine.model.Asset;
import dev.arb.engine.model.Side;
import dev.arb.engine.port.ExecutionRepository;
import dev.arb.engine.record.DeadLetter;
import dev.arb.engine.record.DeadLetterStatus;
import dev.arb.engine.record.JournalEntry;
import dev.arb.engine.record.OpportunityRecord;
import dev.arb.engine.record.OpportunityStatus;
import dev.arb.engine.record.OrderState;
import dev.arb.engine.record.RelayRecord;
import dev.arb.error.StorageException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.argument.NullArgument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericType;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.spi.JdbiPlugin;

/**
 * How arb's values sit in columns (SQLite or PostgreSQL), registered once on every {@link
 * Database}'s Jdbi:
 *
 * <ul>
 *   <li>amounts ({@link BigDecimal}) and wei/gas ({@link BigInteger}) are exact decimal strings
 *       ({@code TEXT}), written with {@code toPlainString()}, never floating point;
 *   <li>times ({@link Instant}) are epoch milliseconds UTC ({@code INTEGER});
 *   <li>statuses, states, outcomes and sides are their lower-case codes; assets their codes;
 *   <li>lists of names are JSON arrays.
 * </ul>
 *
 * <p>Stored records are mapped by their canonical constructors ({@link ConstructorMapper}: column
 * {@code detected_at} feeds parameter {@code detectedAt}). A value this arb does not know (a status
 * written by a newer arb) is a {@link StorageException} saying so.
 */
final class ArbColumns implements JdbiPlugin {
  private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

  /** A paper ledger row (its amount may be zero, which a {@code Holding} is not). */
  record LedgerRow(String exchange, Asset asset, BigDecimal amount) {}

  /** The two columns {@code arb history}'s totals sum. */
  record ProfitRow(String startAsset, BigDecimal estimatedProfit) {}

  @Override
  public void customizeJdbi(Jdbi jdbi) {
    jdbi.registerColumnMapper(BigDecimal.class, text("an amount", BigDecimal::new));
    jdbi.registerColumnMapper(BigInteger.class, text("an integer amount", BigInteger::new));
    jdbi.registerColumnMapper(Asset.class, text("an asset", Asset::of));
    jdbi.registerColumnMapper(new GenericType<List<String>>() {}, text("a list", ArbColumns::list));
    jdbi.registerColumnMapper(
        Instant.class,
        (rs, col, ctx) -> {
          long millis = rs.getLong(col);
          return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    jdbi.registerArgument(written(BigDecimal.class, Types.VARCHAR, BigDecimal::toPlainString));
    jdbi.registerArgument(written(BigInteger.class, Types.VARCHAR, BigInteger::toString));
    jdbi.registerArgument(written(Asset.class, Types.VARCHAR, Asset::toString));
    jdbi.registerArgument(written(Instant.class, Types.BIGINT, Instant::toEpochMilli));
    code(jdbi, OpportunityStatus.class, "record status", OpportunityStatus::parse, c -> c.code());
    code(
        jdbi, DeadLetterStatus.class, "dead-letter status", DeadLetterStatus::parse, c -> c.code());
    code(jdbi, OrderState.class, "order state", OrderState::of, c -> c.code());
    code(
        jdbi,
        RelayRecord.Outcome.class,
        "relay outcome",
        RelayRecord.Outcome::parse,
        c -> c.code());
    code(
        jdbi,
        Side.class,
        "order side",
        s -> Side.valueOf(s.toUpperCase(Locale.ROOT)),
        s -> s.name().toLowerCase(Locale.ROOT));
    for (Class<?> row :
        List.of(
            OpportunityRecord.class,
            DeadLetter.class,
            JournalEntry.class,
            RelayRecord.class,
            ExecutionRepository.Summary.class,
            LedgerRow.class,
            ProfitRow.class)) {
      jdbi.registerRowMapper(ConstructorMapper.factory(canonical(row)));
    }
  }

  /** A record's canonical constructor (a record may have others, for callers). */
  private static java.lang.reflect.Constructor<?> canonical(Class<?> row) {
    java.lang.reflect.RecordComponent[] parts = row.getRecordComponents();
    Class<?>[] types = new Class<?>[parts.length];
    for (int i = 0; i < parts.length; i++) {
      types[i] = parts[i].getType();
    }
    try {
      return row.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(row + " has no canonical constructor", e);
    }
  }

  /** Reads a {@code TEXT} column with {@code parse}; SQL NULL is null. */
  private static <T> ColumnMapper<T> text(String what, Function<String, T> parse) {
    return (rs, col, ctx) -> {
      String s = rs.getString(col);
      return s == null ? null : parsed(what, s, parse);
    };
  }

  private static <T> T parsed(String what, String stored, Function<String, T> parse) {
    try {
      return parse.apply(stored);
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "the database holds "
              + what
              + " '"
              + stored
              + "' which this arb does not know; upgrade arb (or use another --data-dir)",
          e);
    }
  }

  /** A stored code in and out: read with {@code parse}, written as {@code code}. */
  private static <E> void code(
      Jdbi jdbi, Class<E> type, String what, Function<String, E> parse, Function<E, String> code) {
    jdbi.registerColumnMapper(type, text("a " + what, parse));
    jdbi.registerArgument(written(type, Types.VARCHAR, code));
  }

  /** Binds {@code type} as {@code form(value)} of SQL type {@code sqlType}; null as NULL. */
  private static <T> ArgumentFactory.Preparable written(
      Class<T> type, int sqlType, Function<T, ?> form) {
    return new Written<>(type, sqlType, form);
  }

  private record Written<T>(Class<T> type, int sqlType, Function<T, ?> form)
      implements ArgumentFactory.Preparable {
    @Override
    public Optional<Function<Object, Argument>> prepare(Type t, ConfigRegistry config) {
      if (!type.isAssignableFrom(GenericTypes.getErasedType(t))) {
        return Optional.empty();
      }
      return Optional.of(
          v -> {
            if (v == null) {
              return new NullArgument(sqlType);
            }
            Object stored = form.apply(type.cast(v));
            return (position, statement, ctx) -> statement.setObject(position, stored, sqlType);
          });
    }

    @Override
    public Collection<Type> prePreparedTypes() {
      return List.of(type);
    }
  }

  private static List<String> list(String json) {
    try {
      return Json.reader().forType(STRING_LIST).readValue(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON list of strings", e);
    }
  }

  /** A list of names as the JSON array it is stored as. */
  static String json(List<String> list) {
    return Json.write(list);
  }
}
