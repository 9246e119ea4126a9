package dev.vrack.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void freshDatabaseIsAtTheLatestVersionAndReopensWithItsData() {
        HardwareKeyRecord key;
        try (Authority authority = Authority.init(dir, TestAuthorities.PASSPHRASE, CLOCK)) {
            assertThat(authority.schemaVersion()).isEqualTo(SchemaMigrations.RESOURCES.size());
            authority.registerApplication("www", "Acme", "Acme Ltd", dir.resolve("www.vrappk"));
        }
        try (Authority authority = Authority.open(dir, TestAuthorities.PASSPHRASE, CLOCK)) {
            assertThat(authority.schemaVersion()).isEqualTo(1);
            assertThat(authority.applications()).extracting(RegisteredApplication::applicationId).containsExactly("www");
        }
    }

    @Test
    void aLaterMigrationIsAppliedOnceToAnExistingDatabase() throws Exception {
        Authority.init(dir, TestAuthorities.PASSPHRASE, CLOCK).close();
        SchemaMigrations two = new SchemaMigrations(List.of("db/V1__init.sql", "db/V2__test_extra.sql"),
                getClass().getClassLoader());
        Path base = new AuthorityFolder(dir).databaseBase();
        try (AuthorityStore store = AuthorityStore.open(base, TestAuthorities.PASSPHRASE, CLOCK, two)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
        try (AuthorityStore store = AuthorityStore.open(base, TestAuthorities.PASSPHRASE, CLOCK, two)) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + base, "authority", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM test_extra")) {
            rows.next();
            assertThat(rows.getInt(1)).as("V2 ran exactly once").isEqualTo(1);
        }
    }

    @Test
    void aDatabaseFromTheFutureIsRefusedAndLeftAlone() throws Exception {
        Authority.init(dir, TestAuthorities.PASSPHRASE, CLOCK).close();
        Path base = new AuthorityFolder(dir).databaseBase();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + base, "authority", "");
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO schema_version VALUES (99, 'from_the_future', CURRENT_TIMESTAMP)");
        }
        assertThatThrownBy(() -> Authority.open(dir, TestAuthorities.PASSPHRASE, CLOCK))
                .isInstanceOf(AuthorityException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("newer than this program understands (version 1)");
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + base, "authority", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(99);
        }
    }

    @Test
    void wrongPassphraseMissingFolderAndSecondInitAreRefusedClearly() {
        Authority.init(dir, TestAuthorities.PASSPHRASE, CLOCK).close();
        assertThatThrownBy(() -> Authority.open(dir, "not the passphrase".toCharArray(), CLOCK))
                .isInstanceOf(AuthorityException.class)
                .hasMessageContaining("wrong passphrase")
                .hasMessageNotContaining("not the passphrase");
        assertThatThrownBy(() -> Authority.init(dir, TestAuthorities.PASSPHRASE, CLOCK))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("holds an authority already");
        assertThatThrownBy(() -> Authority.open(dir.resolve("nowhere"), TestAuthorities.PASSPHRASE, CLOCK))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("rack authority init --dir");
        assertThatThrownBy(() -> Authority.init(dir.resolve("other"), "short".toCharArray(), CLOCK))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("at least 8 characters");
    }

    @Test
    void splitsScriptsIntoStatements() {
        assertThat(SchemaMigrations.statements("-- comment\nCREATE TABLE a (x INT);\n\nINSERT INTO a\nVALUES (1);\n"))
                .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a\nVALUES (1)");
    }
}
