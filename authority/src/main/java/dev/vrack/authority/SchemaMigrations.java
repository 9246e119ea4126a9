package dev.vrack.authority;

import dev.vrack.authority.AuthorityException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versioned schema: numbered SQL resources {@code db/V<n>__<what>.sql}, applied in order at open and recorded
 * in {@code schema_version}. A database newer than the code is refused, never "downgraded".
 */
final class SchemaMigrations {

    /** Every migration the code knows, oldest first; append new ones, never edit an applied one. */
    static final List<String> RESOURCES = List.of("db/V1__init.sql");

    private static final Pattern NAME = Pattern.compile("db/V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private final List<String> resources;
    private final ClassLoader loader;

    SchemaMigrations(List<String> resources, ClassLoader loader) {
        this.resources = List.copyOf(resources);
        this.loader = loader;
        for (int i = 0; i < resources.size(); i++) {
            if (version(resources.get(i)) != i + 1) {
                throw new IllegalArgumentException("migration " + resources.get(i) + " is out of order: expected V" + (i + 1));
            }
        }
    }

    static SchemaMigrations standard() {
        return new SchemaMigrations(RESOURCES, SchemaMigrations.class.getClassLoader());
    }

    /** The version this code writes. */
    int latest() {
        return resources.size();
    }

    /** Brings the database up to {@link #latest()}; returns the versions applied (empty if it was current). */
    List<Integer> migrate(Connection connection, Clock clock, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                    + "description VARCHAR(128) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int current = current(connection);
        if (current > latest()) {
            throw new AuthorityException(Reason.STORAGE, name + ": the database is at schema version " + current
                    + ", newer than this program understands (version " + latest() + ")",
                    "use the newer rack version that wrote it; this version will not change it");
        }
        List<Integer> applied = new ArrayList<>();
        for (int version = current + 1; version <= latest(); version++) {
            apply(connection, resources.get(version - 1), version, clock);
            applied.add(version);
        }
        return applied;
    }

    static int current(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void apply(Connection connection, String resource, int version, Clock clock) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(read(resource))) {
                statement.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, description(resource));
                insert.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("migration " + resource + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private String read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration resource " + resource, e);
        }
    }

    /** Splits a script at semicolons that end a line, after dropping "--" comment lines. */
    static List<String> statements(String script) {
        StringBuilder current = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static int version(String resource) {
        Matcher matcher = NAME.matcher(resource);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("migration " + resource + " is not named db/V<n>__<what>.sql");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static String description(String resource) {
        Matcher matcher = NAME.matcher(resource);
        return matcher.matches() ? matcher.group(2) : resource;
    }
}
