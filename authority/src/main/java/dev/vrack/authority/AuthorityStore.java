package dev.vrack.authority;

import dev.vrack.authority.AuthorityException.Reason;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.IssuedHardwareKey;
import dev.vrack.keychain.KeySpecificKey;
import dev.vrack.keychain.PassphraseSealer;
import dev.vrack.keychain.SealedFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.api.ErrorCode;

/**
 * The authority's databases 550-580 in one embedded H2 database, through JDBC. Secrets (key-specific keys,
 * application decryption keys) are sealed with AES-256-GCM under the storage key before they are written,
 * bound to their table and row, so the database file holds none in plaintext. One connection, used under
 * this object's lock: the authority issues a few licenses a second, not thousands.
 */
final class AuthorityStore implements AutoCloseable {

    private static final String CHECK_CONTEXT = "authority_meta/storage.check";
    private static final byte[] CHECK_VALUE = "vrack-authority-storage/v1".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final PassphraseSealer sealer;
    private final String name;

    private AuthorityStore(Connection connection, PassphraseSealer sealer, String name) {
        this.connection = connection;
        this.sealer = sealer;
        this.name = name;
    }

    /** Creates a new database at base (H2 adds .mv.db), applies the migrations and sets up the storage key. */
    static AuthorityStore create(Path base, char[] passphrase, Clock clock) {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        if (Files.exists(file)) {
            throw new AuthorityException(Reason.CONFLICT, file + ": an authority database exists already",
                    "open it instead of initializing, or move the folder away to start a new authority");
        }
        Connection connection = connect(base, false);
        try {
            SchemaMigrations.standard().migrate(connection, clock, file.toString());
            byte[] salt = PassphraseSealer.newSalt();
            PassphraseSealer sealer = PassphraseSealer.derive(passphrase, salt, PassphraseSealer.LOG2_N,
                    PassphraseSealer.R, PassphraseSealer.P, file.toString());
            putMeta(connection, "storage.salt", salt);
            putMeta(connection, "storage.scrypt", (PassphraseSealer.LOG2_N + "," + PassphraseSealer.R + ","
                    + PassphraseSealer.P).getBytes(StandardCharsets.US_ASCII));
            putMeta(connection, "storage.check", sealer.seal(CHECK_VALUE, CHECK_CONTEXT));
            restrictToOwner(file);
            return new AuthorityStore(connection, sealer, file.toString());
        } catch (SQLException | SealedFormatException | RuntimeException e) {
            closeQuietly(connection);
            throw failure(file, e);
        }
    }

    /** Opens an existing database, migrates it, and unlocks the storage key with the passphrase. */
    static AuthorityStore open(Path base, char[] passphrase, Clock clock) {
        return open(base, passphrase, clock, SchemaMigrations.standard());
    }

    static AuthorityStore open(Path base, char[] passphrase, Clock clock, SchemaMigrations migrations) {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        Connection connection = connect(base, true);
        try {
            migrations.migrate(connection, clock, file.toString());
            byte[] salt = meta(connection, "storage.salt");
            String[] cost = new String(meta(connection, "storage.scrypt"), StandardCharsets.US_ASCII).split(",");
            PassphraseSealer sealer = PassphraseSealer.derive(passphrase, salt, Integer.parseInt(cost[0]),
                    Integer.parseInt(cost[1]), Integer.parseInt(cost[2]), file.toString());
            try {
                byte[] check = sealer.open(meta(connection, "storage.check"), CHECK_CONTEXT, file.toString());
                if (!Arrays.equals(check, CHECK_VALUE)) {
                    throw new SealedFormatException(file.toString(), "the storage check value is wrong");
                }
            } catch (SealedFormatException e) {
                sealer.close();
                throw new AuthorityException(Reason.STORAGE, file + ": cannot unlock the authority database: wrong"
                        + " passphrase, or its storage settings were modified",
                        "set RACK_AUTHORITY_PASSPHRASE to the passphrase the authority was initialized with");
            }
            return new AuthorityStore(connection, sealer, file.toString());
        } catch (SQLException | SealedFormatException | RuntimeException e) {
            closeQuietly(connection);
            throw failure(file, e);
        }
    }

    /** The schema version of the open database. */
    synchronized int schemaVersion() {
        try {
            return SchemaMigrations.current(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // ---- 550: hardware keys ----

    synchronized void insertHardwareKey(IssuedHardwareKey key, Instant issuedAt) {
        byte[] raw = key.keySpecificKey().toBytes();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO hardware_keys "
                + "(key_id, chassis_id, issued_at, key_specific_key_sealed) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, key.keyId());
            insert.setString(2, key.chassisId());
            insert.setObject(3, utc(issuedAt));
            insert.setBytes(4, sealer.seal(raw, keyContext(key.keyId())));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The issued key with its key-specific key unsealed, for license issuance only. */
    synchronized Optional<IssuedHardwareKey> hardwareKeyWithSecret(String keyId) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT chassis_id, key_specific_key_sealed FROM hardware_keys WHERE key_id = ?")) {
            query.setString(1, keyId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                byte[] raw = sealer.open(rows.getBytes(2), keyContext(keyId), name);
                try {
                    return Optional.of(new IssuedHardwareKey(keyId, rows.getString(1), KeySpecificKey.fromBytes(raw)));
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
        } catch (SQLException | SealedFormatException e) {
            throw failure(e);
        }
    }

    synchronized List<HardwareKeyRecord> hardwareKeys() {
        List<HardwareKeyRecord> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT key_id, chassis_id, issued_at FROM hardware_keys ORDER BY issued_at, key_id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.add(new HardwareKeyRecord(rows.getString(1), rows.getString(2), instant(rows, 3)));
            }
            return keys;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    // ---- 560: applications ----

    synchronized void insertApplication(RegisteredApplication application, ApplicationKeyPair keys) {
        byte[] raw = keys.decryptionKey().toBytes();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO applications (application_id, "
                + "provider, bill_addressee, encryption_key, decryption_key_sealed, registered_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, application.applicationId());
            insert.setString(2, application.provider());
            insert.setString(3, application.billAddressee());
            insert.setBytes(4, keys.encryptionKey().publicKey());
            insert.setBytes(5, sealer.seal(raw, applicationContext(application.applicationId())));
            insert.setObject(6, utc(application.registeredAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                throw duplicateApplication(application.applicationId());
            }
            throw failure(e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static AuthorityException duplicateApplication(String applicationId) {
        return new AuthorityException(Reason.CONFLICT, "application " + applicationId + " is registered already",
                "choose another application ID; its key pair cannot be replaced, since licenses depend on it");
    }

    synchronized Optional<RegisteredApplication> application(String applicationId) {
        return applications("WHERE application_id = ?", applicationId).stream().findFirst();
    }

    synchronized List<RegisteredApplication> applications() {
        return applications("", null);
    }

    private List<RegisteredApplication> applications(String where, String parameter) {
        List<RegisteredApplication> applications = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT application_id, provider, bill_addressee, "
                + "encryption_key, registered_at FROM applications " + where + " ORDER BY application_id")) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    applications.add(new RegisteredApplication(rows.getString(1), rows.getString(2), rows.getString(3),
                            KeyIds.ofRaw(rows.getBytes(4)), instant(rows, 5)));
                }
            }
            return applications;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The application decryption key, unsealed, for license issuance only. */
    synchronized Optional<ApplicationDecryptionKey> applicationKey(String applicationId) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT decryption_key_sealed FROM applications WHERE application_id = ?")) {
            query.setString(1, applicationId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                byte[] raw = sealer.open(rows.getBytes(1), applicationContext(applicationId), name);
                try {
                    return Optional.of(ApplicationDecryptionKey.fromBytes(applicationId, raw));
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
        } catch (SQLException | SealedFormatException e) {
            throw failure(e);
        }
    }

    // ---- 570 and 580: licenses and issue records ----

    /** What must succeed before a license's records commit (e.g. writing its file); a failure rolls them back. */
    @FunctionalInterface
    interface BeforeCommit {
        void run() throws IOException;
    }

    /** Records a license (570) and its issue record (580) in one transaction, committed after beforeCommit ran. */
    synchronized void recordLicense(IssuedLicense license, String provider, BeforeCommit beforeCommit) throws IOException {
        try {
            connection.setAutoCommit(false);
            try {
                insertLicense(license);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO issue_records "
                        + "(issued_at, application_id, license_count, license_id, provider) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setObject(1, utc(license.issuedAt()));
                    insert.setString(2, license.applicationId());
                    insert.setInt(3, license.licenseCount());
                    insert.setString(4, license.licenseId());
                    insert.setString(5, provider);
                    insert.executeUpdate();
                }
                beforeCommit.run();
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void insertLicense(IssuedLicense license) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO licenses (license_id, application_id, "
                + "license_count, key_id, not_before, not_after, issued_at, license_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, license.licenseId());
            insert.setString(2, license.applicationId());
            insert.setInt(3, license.licenseCount());
            insert.setString(4, license.keyId());
            insert.setObject(5, utc(license.notBefore()));
            insert.setObject(6, utc(license.notAfter()));
            insert.setObject(7, utc(license.issuedAt()));
            insert.setBytes(8, license.file());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO license_chassis (license_id, position, chassis_id) VALUES (?, ?, ?)")) {
            for (int i = 0; i < license.chassisIds().size(); i++) {
                insert.setString(1, license.licenseId());
                insert.setInt(2, i);
                insert.setString(3, license.chassisIds().get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO license_conditions (license_id, condition_name, condition_value) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> condition : license.conditions().entrySet()) {
                insert.setString(1, license.licenseId());
                insert.setString(2, condition.getKey());
                insert.setString(3, condition.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The licenses issued (570), oldest first, with their chassis and conditions. */
    synchronized List<IssuedLicense> licenses() {
        Map<String, List<String>> chassis = new LinkedHashMap<>();
        Map<String, Map<String, String>> conditions = new LinkedHashMap<>();
        List<IssuedLicense> licenses = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT license_id, chassis_id FROM license_chassis ORDER BY license_id, position");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                chassis.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT license_id, condition_name, condition_value FROM license_conditions");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                conditions.computeIfAbsent(rows.getString(1), k -> new LinkedHashMap<>()).put(rows.getString(2), rows.getString(3));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT license_id, application_id, license_count, "
                + "key_id, not_before, not_after, issued_at, license_file FROM licenses ORDER BY issued_at, license_id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                licenses.add(new IssuedLicense(id, rows.getString(2), rows.getInt(3), rows.getString(4),
                        chassis.getOrDefault(id, List.of()), instant(rows, 5), instant(rows, 6),
                        conditions.getOrDefault(id, Map.of()), instant(rows, 7), rows.getBytes(8)));
            }
            return licenses;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Issue records (580) with from <= issued_at < to, oldest first. */
    synchronized List<IssueRecord> issueRecords(Instant from, Instant to) {
        List<IssueRecord> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT issued_at, application_id, license_count, "
                + "license_id, provider FROM issue_records WHERE issued_at >= ? AND issued_at < ? ORDER BY issued_at, record_id")) {
            query.setObject(1, utc(from));
            query.setObject(2, utc(to));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(new IssueRecord(instant(rows, 1), rows.getString(2), rows.getInt(3), rows.getString(4),
                            rows.getString(5)));
                }
            }
            return records;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void close() {
        sealer.close();
        closeQuietly(connection);
    }

    // ---- helpers ----

    private static Connection connect(Path base, boolean mustExist) {
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + ";TRACE_LEVEL_FILE=0" + (mustExist ? ";IFEXISTS=TRUE" : "");
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        try {
            return DriverManager.getConnection(url, "authority", "");
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
                throw new AuthorityException(Reason.STORAGE, file + ": no authority database here",
                        "initialize the authority first: rack authority init --dir " + base.getParent());
            }
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new AuthorityException(Reason.STORAGE, file + ": the authority database is in use by another process",
                        "is 'rack authority serve' running on this folder? Stop it, or issue through its HTTP service");
            }
            throw failure(file, e);
        }
    }

    private static void putMeta(Connection connection, String key, byte[] value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO authority_meta (setting_name, setting_value) VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setBytes(2, value);
            insert.executeUpdate();
        }
    }

    private static byte[] meta(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT setting_value FROM authority_meta WHERE setting_name = ?")) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("the setting " + key + " is missing from authority_meta");
                }
                return rows.getBytes(1);
            }
        }
    }

    private static String keyContext(String keyId) {
        return "hardware_keys/key_specific_key/" + keyId;
    }

    private static String applicationContext(String applicationId) {
        return "applications/decryption_key/" + applicationId;
    }

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** Clamped to years 1..9999, so Instant.MIN/MAX as open bounds work. */
    private static OffsetDateTime utc(Instant instant) {
        Instant clamped = instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
        return OffsetDateTime.ofInstant(clamped, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static void restrictToOwner(Path file) {
        try {
            SecureFile.restrictToOwner(file);
        } catch (IOException e) {
            throw new AuthorityException(Reason.STORAGE, file + ": cannot make the database readable by its owner only ("
                    + e.getMessage() + ")", "check the folder's owner and file system");
        }
    }

    private AuthorityException failure(Exception e) {
        return failure(Path.of(name), e);
    }

    private static AuthorityException failure(Path file, Exception e) {
        if (e instanceof AuthorityException authority) {
            return authority;
        }
        if (e instanceof SealedFormatException sealed) {
            return new AuthorityException(Reason.STORAGE, sealed.getMessage(),
                    "check RACK_AUTHORITY_PASSPHRASE; restore the database from a backup if it was modified", e);
        }
        return new AuthorityException(Reason.STORAGE, file + ": database error: " + e.getMessage(),
                "check the disk and the folder's permissions; restore from a backup if the file is damaged", e);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing after a failure: the first error is the one to report
        }
    }
}
