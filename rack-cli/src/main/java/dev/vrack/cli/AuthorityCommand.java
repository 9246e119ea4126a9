package dev.vrack.cli;

import dev.vrack.authority.Authority;
import dev.vrack.authority.AuthorityException;
import dev.vrack.authority.BillingReport;
import dev.vrack.authority.HardwareKeyRecord;
import dev.vrack.authority.IssuedLicense;
import dev.vrack.authority.Invoice;
import dev.vrack.authority.LicenseOrder;
import dev.vrack.authority.RegisteredApplication;
import dev.vrack.authority.http.AuthorityServer;
import dev.vrack.keychain.DongleSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code rack authority …}: the license issuance authority's verbs (seed 000, server 500): init, hardware keys,
 * application registration, execution licenses, billing, and the HTTP service. The passphrase that protects
 * the authority's key and database comes from {@code RACK_AUTHORITY_PASSPHRASE}, never from the command line.
 */
@Command(name = "authority", mixinStandardHelpOptions = true,
        description = "Play the license issuance authority: issue hardware keys, register applications, issue licenses, bill.",
        subcommands = {AuthorityCommand.Init.class, AuthorityCommand.HwKey.class, AuthorityCommand.App.class,
                AuthorityCommand.License.class, AuthorityCommand.Billing.class, AuthorityCommand.Serve.class})
final class AuthorityCommand {

    static final String DIR_ENV = "RACK_AUTHORITY_DIR";

    @ParentCommand
    RackCommand rack;

    @Option(names = "--dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
            description = "The authority's folder (default: $RACK_AUTHORITY_DIR, else <state-dir>/authority).")
    Path dir;

    Path dir() {
        if (dir != null) {
            return dir.toAbsolutePath().normalize();
        }
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return rack.root().dir().resolve("authority");
    }

    static char[] passphrase() {
        String value = System.getenv(ProvisioningAuthority.PASSPHRASE_ENV);
        if (value == null || value.isEmpty()) {
            throw new CliException(ProvisioningAuthority.PASSPHRASE_ENV + " is not set: the authority's private key and"
                    + " database are encrypted under it.\n  hint: export " + ProvisioningAuthority.PASSPHRASE_ENV
                    + "='<at least 8 characters>' (keep it out of shell history and scripts)");
        }
        return value.toCharArray();
    }

    Authority open() {
        try {
            return Authority.open(dir(), passphrase());
        } catch (AuthorityException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    PrintWriter out() {
        return rack.spec.commandLine().getOut();
    }

    /** Runs an action on the open authority, turning its refusals into one clear message. */
    <T> T with(AuthorityAction<T> action) {
        try (Authority authority = open()) {
            return action.run(authority);
        } catch (AuthorityException e) {
            throw new CliException(e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface AuthorityAction<T> {
        T run(Authority authority) throws IOException;
    }

    /** {@code rack authority init}. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create an authority: key pair (or adopt the one in DIR), database, provider token.")
    static final class Init implements Callable<Integer> {

        @ParentCommand
        AuthorityCommand authority;

        @Override
        public Integer call() {
            try (Authority created = Authority.init(authority.dir(), passphrase())) {
                PrintWriter out = authority.out();
                out.println("authority " + created.keyId() + " initialized in " + created.folder().dir());
                out.println("  public key (give it to racks): " + created.folder().publicKey());
                out.println("  provider token (mode 600, for the HTTP service): " + created.folder().providerToken());
                return 0;
            } catch (AuthorityException e) {
                throw new CliException(e.getMessage(), e);
            }
        }
    }

    /** {@code rack authority hwkey issue}. */
    @Command(name = "hwkey", mixinStandardHelpOptions = true, description = "Hardware keys (FIG. 20).",
            subcommands = HwKeyIssue.class)
    static final class HwKey {
        @ParentCommand
        AuthorityCommand authority;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue a hardware key for a chassis and write its image.")
    static final class HwKeyIssue implements Callable<Integer> {

        @ParentCommand
        HwKey hwkey;

        @Option(names = "--chassis-id", required = true, paramLabel = "ID", description = "The chassis ID in its ID memory.")
        String chassisId;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the key image (.hwkey).")
        Path out;

        @Option(names = "--dongle-secret", paramLabel = "FILE",
                description = "The installation's dongle secret (default: dongle.secret next to FILE; created if missing).")
        Path dongleSecret;

        @Override
        public Integer call() {
            Path secret = dongleSecret != null ? dongleSecret
                    : out.toAbsolutePath().getParent().resolve("dongle.secret");
            HardwareKeyRecord key = hwkey.authority.with(a ->
                    a.issueHardwareKey(chassisId, DongleSecret.loadOrCreate(secret), out));
            hwkey.authority.out().println("issued hardware key " + key.keyId() + " for chassis " + key.chassisId()
                    + ": " + out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code rack authority app register|list}. */
    @Command(name = "app", mixinStandardHelpOptions = true, description = "Applications (FIG. 22).",
            subcommands = {AppRegister.class, AppList.class})
    static final class App {
        @ParentCommand
        AuthorityCommand authority;
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register an application; write its encryption key (VRAPPK) for the software provider.")
    static final class AppRegister implements Callable<Integer> {

        @ParentCommand
        App app;

        @Option(names = "--app", required = true, paramLabel = "ID", description = "The application ID.")
        String applicationId;

        @Option(names = "--provider", required = true, paramLabel = "NAME", description = "The software provider.")
        String provider;

        @Option(names = "--bill-to", required = true, paramLabel = "TEXT",
                description = "The bill addressee: address, customer number, billing method.")
        String billTo;

        @Option(names = "--key-out", required = true, paramLabel = "FILE",
                description = "Where to write the application encryption key for the provider (.vrappk).")
        Path keyOut;

        @Override
        public Integer call() {
            RegisteredApplication registered = app.authority.with(a ->
                    a.registerApplication(applicationId, provider, billTo, keyOut));
            app.authority.out().println("registered application " + registered.applicationId() + " for "
                    + registered.provider() + "; encryption key " + registered.encryptionKeyId() + ": "
                    + keyOut.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered applications.")
    static final class AppList implements Callable<Integer> {

        @ParentCommand
        App app;

        @Override
        public Integer call() {
            List<RegisteredApplication> applications = app.authority.with(Authority::applications);
            PrintWriter out = app.authority.out();
            out.printf("%-20s %-24s %-16s %s%n", "APPLICATION", "PROVIDER", "ENCRYPTION KEY", "REGISTERED");
            for (RegisteredApplication a : applications) {
                out.printf("%-20s %-24s %-16s %s%n", a.applicationId(), a.provider(), a.encryptionKeyId(), a.registeredAt());
            }
            return 0;
        }
    }

    /** {@code rack authority license issue}. */
    @Command(name = "license", mixinStandardHelpOptions = true, description = "Execution licenses (FIG. 25-26).",
            subcommands = LicenseIssue.class)
    static final class License {
        @ParentCommand
        AuthorityCommand authority;
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Issue an execution license for an application, a hardware key and its chassis.")
    static final class LicenseIssue implements Callable<Integer> {

        @ParentCommand
        License license;

        @Option(names = "--app", required = true, paramLabel = "ID")
        String applicationId;

        @Option(names = "--count", required = true, paramLabel = "N",
                description = "How many cartridges may run the application at once.")
        int count;

        @Option(names = "--key-id", required = true, paramLabel = "ID",
                description = "The hardware key of the chassis that reads the license (KEY-…).")
        String keyId;

        @Option(names = "--chassis", required = true, arity = "1..*", paramLabel = "ID",
                description = "The cooperating chassis IDs (repeatable); must include the key's chassis.")
        List<String> chassis;

        @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "Validity from now, in days (default 30).")
        int days;

        @Option(names = "--condition", paramLabel = "NAME=VALUE", description = "A condition of use (repeatable).")
        Map<String, String> conditions = new LinkedHashMap<>();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the license (.lic).")
        Path out;

        @Override
        public Integer call() {
            if (days < 1) {
                throw new CommandLine.ParameterException(license.authority.rack.spec.commandLine(),
                        "--days is " + days + "; give at least 1");
            }
            IssuedLicense issued = license.authority.with(a -> a.issueLicense(
                    new LicenseOrder(applicationId, count, keyId, chassis, Duration.ofDays(days), conditions), out));
            license.authority.out().println("issued license " + issued.licenseId() + ": " + issued.applicationId()
                    + " x" + issued.licenseCount() + " on " + issued.chassisIds() + " through key " + issued.keyId()
                    + ", valid until " + issued.notAfter() + ": " + out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code rack authority billing}. */
    @Command(name = "billing", mixinStandardHelpOptions = true,
            description = "Total the licenses of a month per application; write one invoice per provider (FIG. 27).")
    static final class Billing implements Callable<Integer> {

        @ParentCommand
        AuthorityCommand authority;

        @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month, UTC, e.g. 2026-11.")
        String month;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the invoices.")
        Path out;

        @Override
        public Integer call() {
            YearMonth period;
            try {
                period = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(authority.rack.spec.commandLine(),
                        "--month '" + month + "' is not a month: give YYYY-MM, e.g. 2026-11");
            }
            BillingReport report = authority.with(a -> a.billing(period, out));
            PrintWriter printer = authority.out();
            if (report.invoices().isEmpty()) {
                printer.println("no licenses were issued in " + period + "; no invoice written");
                return 0;
            }
            printer.printf("%-24s %-20s %10s%n", "PROVIDER", "APPLICATION", "LICENSED");
            for (Invoice invoice : report.invoices()) {
                invoice.lines().forEach(line -> printer.printf("%-24s %-20s %10d%n", invoice.provider(),
                        line.applicationId(), line.licensedCount()));
            }
            printer.println(report.files().size() / 2 + " invoice(s) written to " + out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code rack authority serve}. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the HTTP/JSON API (POST /licenses, GET /applications, GET /health) on loopback until stopped.")
    static final class Serve implements Callable<Integer> {

        @ParentCommand
        AuthorityCommand authority;

        @Option(names = "--address", defaultValue = "127.0.0.1:8585", paramLabel = "HOST:PORT",
                description = "An address in 127.0.0.0/8 (default 127.0.0.1:8585).")
        String address;

        @Override
        public Integer call() throws InterruptedException {
            InetSocketAddress bind = parse(address);
            Authority opened = authority.open();
            AuthorityServer server;
            try {
                server = AuthorityServer.start(opened, bind);
            } catch (RuntimeException e) {
                opened.close();
                throw new CliException(e.getMessage(), e);
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                opened.close();
                stopped.countDown();
            }, "authority-shutdown"));
            InetSocketAddress bound = server.address();
            PrintWriter out = authority.out();
            out.println("authority " + opened.keyId() + " serving on http://" + bound.getAddress().getHostAddress() + ":"
                    + bound.getPort() + " (bearer token in " + opened.folder().providerToken() + "); Ctrl-C to stop");
            out.flush();
            stopped.await();
            return 0;
        }

        private InetSocketAddress parse(String text) {
            int colon = text.lastIndexOf(':');
            try {
                if (colon < 1) {
                    throw new IllegalArgumentException("no port");
                }
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("port out of range");
                }
                return new InetSocketAddress(InetAddress.getByName(text.substring(0, colon)), port);
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new CommandLine.ParameterException(authority.rack.spec.commandLine(), "--address '" + text
                        + "' is not HOST:PORT with a loopback IPv4 address, e.g. 127.0.0.1:8585");
            }
        }
    }
}
