package dev.vrack.authority;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vrack.authority.AuthorityException.Reason;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.IssuedHardwareKey;
import dev.vrack.keychain.LicenseTerms;
import dev.vrack.keychain.SealedFile;
import dev.vrack.keychain.SealedFileType;
import dev.vrack.keychain.SealedFormatException;
import dev.vrack.proto.keychain.SealedLicense;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The license issuance authority (seed 000, server 500): issues hardware keys (510, FIG. 20), registers
 * applications and their key pairs (520, FIG. 22), issues execution licenses (530, FIG. 25-26) and bills
 * software providers (540, FIG. 27), over its databases 550-580 ({@link AuthorityStore}). Files are the
 * "portable recording medium"; {@link AuthorityServer} is the online path. Thread-safe.
 */
public final class Authority implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Authority.class);

    private final AuthorityFolder folder;
    private final AuthorityKeys keys;
    private final AuthorityStore store;
    private final Clock clock;

    private Authority(AuthorityFolder folder, AuthorityKeys keys, AuthorityStore store, Clock clock) {
        this.folder = folder;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
    }

    /** Creates an authority in dir (see {@link #init(Path, char[], Clock)}) on the system clock. */
    public static Authority init(Path dir, char[] passphrase) {
        return init(dir, passphrase, Clock.systemUTC());
    }

    /**
     * Creates an authority in dir: its key pair (or adopts the one already there, e.g. the key {@code rack up}
     * wrote with the same passphrase), its database and the provider token. Refuses a folder that has a database.
     */
    public static Authority init(Path dir, char[] passphrase, Clock clock) {
        AuthorityFolder folder = new AuthorityFolder(dir);
        if (Files.exists(folder.databaseFile())) {
            throw new AuthorityException(Reason.CONFLICT, folder.dir() + " holds an authority already",
                    "use it as it is, or choose another folder for a new authority");
        }
        AuthorityKeys keys;
        try {
            Files.createDirectories(folder.dir());
            SecureFile.restrictToOwner(folder.dir());
            if (Files.exists(folder.privateKey())) {
                keys = readKeys(folder, passphrase);
                LOG.info("adopting the authority key {} found in {}", keys.keyId(), folder.dir());
            } else {
                keys = AuthorityKeys.generate();
                keys.writePrivateKey(folder.privateKey(), requirePassphrase(passphrase));
            }
            if (!Files.exists(folder.publicKey())) {
                keys.writePublicKey(folder.publicKey());
            }
            if (!Files.exists(folder.providerToken())) {
                ProviderToken.create(folder.providerToken());
            }
        } catch (IOException e) {
            throw new AuthorityException(Reason.STORAGE, folder.dir() + ": cannot create the authority's files ("
                    + e.getMessage() + ")", "check that the folder is writable", e);
        }
        AuthorityStore store = AuthorityStore.create(folder.databaseBase(), passphrase, clock);
        LOG.info("authority {} initialized in {}", keys.keyId(), folder.dir());
        return new Authority(folder, keys, store, clock);
    }

    /** Opens an authority on the system clock. */
    public static Authority open(Path dir, char[] passphrase) {
        return open(dir, passphrase, Clock.systemUTC());
    }

    /** Opens the authority in dir: unlocks its private key and its database with the passphrase. */
    public static Authority open(Path dir, char[] passphrase, Clock clock) {
        AuthorityFolder folder = new AuthorityFolder(dir);
        if (!Files.exists(folder.databaseFile())) {
            throw new AuthorityException(Reason.STORAGE, folder.dir() + " is not an authority folder (no "
                    + folder.databaseFile().getFileName() + ")", "create one first: rack authority init --dir " + folder.dir());
        }
        AuthorityKeys keys = readKeys(folder, passphrase);
        return new Authority(folder, keys, AuthorityStore.open(folder.databaseBase(), passphrase, clock), clock);
    }

    private static AuthorityKeys readKeys(AuthorityFolder folder, char[] passphrase) {
        try {
            return AuthorityKeys.readPrivateKey(folder.privateKey(), requirePassphrase(passphrase));
        } catch (SealedFormatException e) {
            throw new AuthorityException(Reason.STORAGE, e.getMessage(),
                    "set RACK_AUTHORITY_PASSPHRASE to the passphrase the authority was created with", e);
        }
    }

    private static char[] requirePassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length < 8) {
            throw new AuthorityException(Reason.INVALID, "the authority passphrase is missing or shorter than 8 characters",
                    "set RACK_AUTHORITY_PASSPHRASE to a passphrase of at least 8 characters");
        }
        return passphrase;
    }

    /** The authority's folder. */
    public AuthorityFolder folder() {
        return folder;
    }

    /** The public key racks trust (also in {@link AuthorityFolder#publicKey()}). */
    public PublicKey publicKey() {
        return keys.publicKey();
    }

    /** The ID of the authority's key pair. */
    public String keyId() {
        return keys.keyId();
    }

    /** The database's schema version. */
    public int schemaVersion() {
        return store.schemaVersion();
    }

    // ---- 510: hardware keys (FIG. 20) ----

    /** Issues a hardware key for a chassis (S51-S53), writes its image to out and records it in 550 (S54). */
    public HardwareKeyRecord issueHardwareKey(String chassisId, DongleSecret dongle, Path out) {
        Ids.require("chassis ID", chassisId, "--chassis-id");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        IssuedHardwareKey issued;
        try {
            issued = HardwareKeyImage.issue(keys, chassisId, dongle, out, Clock.fixed(now, clock.getZone()));
        } catch (IOException e) {
            throw new AuthorityException(Reason.STORAGE, out + ": cannot write the hardware key image (" + e.getMessage()
                    + ")", "check that the folder exists and is writable", e);
        }
        try {
            store.insertHardwareKey(issued, now);
        } catch (RuntimeException e) {
            deleteQuietly(out); // an unrecorded key could never get a license: do not hand it out
            throw e;
        }
        LOG.info("issued hardware key {} for chassis {}", issued.keyId(), chassisId);
        return new HardwareKeyRecord(issued.keyId(), issued.chassisId(), now);
    }

    /** The hardware keys issued, oldest first (550, without the secrets). */
    public List<HardwareKeyRecord> hardwareKeys() {
        return store.hardwareKeys();
    }

    // ---- 520: applications (FIG. 22) ----

    /**
     * Registers an application (S61-S63): generates its key pair, keeps the decryption key (sealed) in 560
     * with the provider and bill addressee, and writes only the encryption key to the VRAPPK file for the provider.
     */
    public RegisteredApplication registerApplication(String applicationId, String provider, String billAddressee,
            Path encryptionKeyOut) {
        Ids.require("application ID", applicationId, "--app");
        Ids.require("software provider", provider, "--provider");
        String billTo = Ids.requireText("bill addressee", billAddressee, 1024);
        if (store.application(applicationId).isPresent()) {
            throw AuthorityStore.duplicateApplication(applicationId);
        }
        ApplicationKeyPair pair = ApplicationKeyPair.generate(applicationId);
        try {
            RegisteredApplication application = new RegisteredApplication(applicationId, provider, billTo,
                    pair.encryptionKey().keyId(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
            store.insertApplication(application, pair);
            writeEncryptionKey(pair.encryptionKey().applicationId(), pair.decryptionKey(), encryptionKeyOut);
            LOG.info("registered application {} for provider {} (encryption key {})", applicationId, provider,
                    application.encryptionKeyId());
            return application;
        } finally {
            pair.decryptionKey().destroy();
        }
    }

    /** Writes (again) the VRAPPK file of a registered application, e.g. for a provider who lost it. */
    public void writeEncryptionKey(String applicationId, Path out) {
        ApplicationDecryptionKey key = store.applicationKey(applicationId).orElseThrow(() -> unknownApplication(applicationId));
        try {
            writeEncryptionKey(applicationId, key, out);
        } finally {
            key.destroy();
        }
    }

    private void writeEncryptionKey(String applicationId, ApplicationDecryptionKey key, Path out) {
        try {
            key.encryptionKey().write(out, keys);
        } catch (IOException e) {
            throw new AuthorityException(Reason.STORAGE, out + ": cannot write the encryption key of application "
                    + applicationId + " (" + e.getMessage() + ")", "check that the folder exists and is writable;"
                    + " the application is registered, write its key again with Authority.writeEncryptionKey", e);
        }
    }

    private static AuthorityException unknownApplication(String applicationId) {
        return new AuthorityException(Reason.UNKNOWN, "application " + applicationId + " is not registered",
                "register it first (rack authority app register --app " + applicationId
                        + "), or check the ID against: GET /applications");
    }

    /** The registered applications (560, without the secrets), by ID. */
    public List<RegisteredApplication> applications() {
        return store.applications();
    }

    // ---- 530: execution licenses (FIG. 25-26) ----

    /** Issues a license valid from now for validity, writes it to out and records it (570, 580). */
    public IssuedLicense issueLicense(String applicationId, int count, String keyId, Set<String> chassisIds,
            Duration validity, Map<String, String> conditions, Path out) {
        return issueLicense(LicenseOrder.of(applicationId, count, keyId, chassisIds, validity, conditions), out);
    }

    /** Issues a license and writes it to out; the records commit only once the file is written. */
    public IssuedLicense issueLicense(LicenseOrder order, Path out) {
        return issue(order, bytes -> SecureFile.writeAtomically(out, bytes), out.toString());
    }

    /** Issues a license and returns it with its file's bytes (the online path: the caller sends them on). */
    public IssuedLicense issueLicense(LicenseOrder order) {
        return issue(order, bytes -> { }, "the HTTP answer");
    }

    @FunctionalInterface
    private interface Delivery {
        void deliver(byte[] license) throws IOException;
    }

    private IssuedLicense issue(LicenseOrder order, Delivery delivery, String destination) {
        RegisteredApplication application = store.application(order.applicationId())
                .orElseThrow(() -> unknownApplication(order.applicationId()));
        IssuedHardwareKey hardwareKey = store.hardwareKeyWithSecret(order.keyId()).orElseThrow(() ->
                new AuthorityException(Reason.UNKNOWN, "hardware key " + order.keyId() + " was not issued by this authority",
                        "give the key ID of the USB key attached to the chassis (rack status shows it)"));
        if (!order.chassisIds().contains(hardwareKey.chassisId())) {
            throw new AuthorityException(Reason.INVALID, "hardware key " + order.keyId() + " belongs to chassis "
                    + hardwareKey.chassisId() + ", which the license does not list " + order.chassisIds(),
                    "a license is read through the key of a chassis it covers: add --chassis " + hardwareKey.chassisId()
                            + ", or give the key of one of the listed chassis");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant notAfter = now.plus(order.validity());
        ApplicationDecryptionKey applicationKey = store.applicationKey(order.applicationId()).orElseThrow();
        byte[] file;
        try {
            LicenseTerms terms = new LicenseTerms(order.chassisIds(), order.applicationId(), order.licenseCount(), now,
                    notAfter, order.conditions());
            file = ExecutionLicense.issue(keys, hardwareKey, terms, applicationKey, Clock.fixed(now, clock.getZone()));
        } catch (IllegalArgumentException e) {
            throw new AuthorityException(Reason.INVALID, "the license cannot be issued: " + e.getMessage(),
                    "fix the request and try again", e);
        } finally {
            applicationKey.destroy();
        }
        IssuedLicense license = new IssuedLicense(licenseId(file), order.applicationId(), order.licenseCount(),
                order.keyId(), order.chassisIds(), now, notAfter, order.conditions(), now, file);
        try {
            store.recordLicense(license, application.provider(), () -> delivery.deliver(file));
        } catch (IOException e) {
            throw new AuthorityException(Reason.STORAGE, destination + ": cannot write the license (" + e.getMessage()
                    + "); nothing was recorded or billed", "check that the folder exists and is writable", e);
        }
        LOG.info("issued license {} for application {} count {} key {} chassis {}", license.licenseId(),
                license.applicationId(), license.licenseCount(), license.keyId(), license.chassisIds());
        return license;
    }

    private static String licenseId(byte[] file) {
        try {
            return SealedLicense.parseFrom(SealedFile.parse(SealedFileType.EXECUTION_LICENSE, file, "license").payload())
                    .getLicenseId();
        } catch (SealedFormatException | InvalidProtocolBufferException e) {
            throw new IllegalStateException("a license just issued does not parse", e);
        }
    }

    /** The licenses issued (570), oldest first. */
    public List<IssuedLicense> licenses() {
        return store.licenses();
    }

    /** The issue records (580) with from <= issued at < to. */
    public List<IssueRecord> issueRecords(Instant from, Instant to) {
        return store.issueRecords(from, to);
    }

    // ---- 540: billing (FIG. 27) ----

    /**
     * The billing run for a month, in the time zone of the authority's clock: totals per application (S91),
     * one invoice per provider written to outDir as CSV and as a text table (S92).
     */
    public BillingReport billing(YearMonth month, Path outDir) {
        BillingReport report = billing(month);
        try {
            return report.withFiles(InvoiceWriter.write(report, clock.getZone(), outDir));
        } catch (IOException e) {
            throw new AuthorityException(Reason.STORAGE, outDir + ": cannot write the invoices (" + e.getMessage() + ")",
                    "check that the folder is writable", e);
        }
    }

    /** The billing run without writing files. */
    public BillingReport billing(YearMonth month) {
        List<IssueRecord> records = store.issueRecords(Billing.start(month, clock.getZone()),
                Billing.end(month, clock.getZone()));
        Map<String, RegisteredApplication> applications = store.applications().stream()
                .collect(Collectors.toMap(RegisteredApplication::applicationId, Function.identity()));
        BillingReport report = Billing.run(month, clock.getZone(), records, applications);
        LOG.info("billing run for {}: {} issue records, {} invoices", month, records.size(), report.invoices().size());
        return report;
    }

    /** For tests in this package: the store, to compare its unsealed secrets with the bytes on disk. */
    AuthorityStore store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the store failure is what the caller must hear about
        }
    }

    @Override
    public String toString() {
        return "Authority[" + keys.keyId() + " in " + folder.dir() + "]";
    }
}
