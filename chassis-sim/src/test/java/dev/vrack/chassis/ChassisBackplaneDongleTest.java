package dev.vrack.chassis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.vrack.chassis.backplane.BackplaneRefusal;
import dev.vrack.common.Event;
import dev.vrack.common.EventLog;
import dev.vrack.common.EventReader;
import dev.vrack.common.StateLayout;
import dev.vrack.common.TimeSource;
import dev.vrack.keychain.AgentKeyPair;
import dev.vrack.keychain.ApplicationDecryptionKey;
import dev.vrack.keychain.ApplicationKeyPair;
import dev.vrack.keychain.AuthorityKeys;
import dev.vrack.keychain.DongleSecret;
import dev.vrack.keychain.ExecutionLicense;
import dev.vrack.keychain.HardwareKeyImage;
import dev.vrack.keychain.IssuedHardwareKey;
import dev.vrack.keychain.LicenseTerms;
import dev.vrack.proto.backplane.ErrorCode;
import dev.vrack.proto.backplane.LicenseOpened;
import dev.vrack.proto.backplane.LocateSlot;
import dev.vrack.proto.backplane.OpenLicense;
import dev.vrack.proto.backplane.WrapApplicationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The USB port's dongle operations and LocateSlot as the backplane serves them, with real key-chain crypto. */
class ChassisBackplaneDongleTest {

    private static final String CHASSIS_ID = "CHASSIS-A-TEST";

    @TempDir
    Path dir;

    private StateLayout layout;
    private AuthorityKeys authority;
    private IssuedHardwareKey hardwareKey;
    private ApplicationKeyPair appKeys;
    private EventLog events;
    private UsbPort usb;
    private List<Slot> slots;
    private ChassisBackplane backplane;
    private final List<Optional<UsbKeyInfo>> pushed = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        layout = new StateLayout(dir.resolve("rack"));
        Files.createDirectories(layout.keysDir());
        authority = AuthorityKeys.generate();
        authority.writePublicKey(layout.authorityPublicKey());
        DongleSecret dongle = DongleSecret.create(layout.dongleSecret());
        hardwareKey = HardwareKeyImage.issue(authority, CHASSIS_ID, dongle, layout.keyImage("hwkey-A"));
        appKeys = ApplicationKeyPair.generate("www");
        events = EventLog.open(layout.chassisEvents("A"), "A", TimeSource.SYSTEM);
        usb = new UsbPort(new KeychainUsbKeyInserter(layout.authorityPublicKey(), layout.dongleSecret()), events);
        usb.onChange(pushed::add);
        IoBus ioBus = new IoBus("A", new TreeSet<>(List.of(0)));
        slots = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            slots.add(new Slot("A", n, ioBus.isWired(n)));
        }
        backplane = new ChassisBackplane("rack", "A", slots, ioBus, new IdMemory("A", CHASSIS_ID, ioBus, events), usb,
                null, events, TimeSource.SYSTEM);
    }

    @AfterEach
    void tearDown() {
        events.close();
    }

    private byte[] license(List<String> chassisIds, int count) {
        return ExecutionLicense.issue(authority, hardwareKey, new LicenseTerms(chassisIds, "www", count,
                Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600), Map.of()),
                appKeys.decryptionKey(), Clock.systemUTC());
    }

    private OpenLicense open(byte[] license) {
        return OpenLicense.newBuilder().setLicense(ByteString.copyFrom(license)).setName("www.lic").build();
    }

    @Test
    void wiredSlotOpensALicenseThroughTheDongle() throws Exception {
        usb.attach(layout.keyImage("hwkey-A"));
        LicenseOpened opened = backplane.openLicense(0, open(license(List.of(CHASSIS_ID, "CHASSIS-B"), 3)));
        assertThat(opened.getAppId()).isEqualTo("www");
        assertThat(opened.getCount()).isEqualTo(3);
        assertThat(opened.getChassisIdsList()).containsExactly(CHASSIS_ID, "CHASSIS-B");
        assertThat(opened.getKeyId()).isEqualTo(hardwareKey.keyId());
        assertThat(opened.getLicenseId()).startsWith("LIC-");
    }

    @Test
    void wrappedKeyOpensOnlyWithTheAgentsKeyPair() throws Exception {
        usb.attach(layout.keyImage("hwkey-A"));
        AgentKeyPair agent = AgentKeyPair.generate();
        byte[] wrapped = backplane.wrapApplicationKey(0, WrapApplicationKey.newBuilder()
                .setLicense(ByteString.copyFrom(license(List.of(CHASSIS_ID), 1)))
                .setAgentPublicKey(ByteString.copyFrom(agent.publicKey())).build()).getWrapped().toByteArray();
        ApplicationDecryptionKey key = agent.unwrap(wrapped, "www");
        assertThat(key.toBytes()).isEqualTo(appKeys.decryptionKey().toBytes());
        assertThatThrownBy(() -> AgentKeyPair.generate().unwrap(wrapped, "www"))
                .hasMessageContaining("does not decrypt with this agent's key");
    }

    @Test
    void slotOffTheIoBusIsRefusedAndRecorded() {
        usb.attach(layout.keyImage("hwkey-A"));
        assertRefused(() -> backplane.openLicense(2, open(license(List.of(CHASSIS_ID), 1))), ErrorCode.NO_SUCH_DEVICE,
                "not wired to the I/O bus");
        assertRefused(() -> backplane.wrapApplicationKey(2, WrapApplicationKey.newBuilder()
                .setLicense(ByteString.copyFrom(license(List.of(CHASSIS_ID), 1)))
                .setAgentPublicKey(ByteString.copyFrom(AgentKeyPair.generate().publicKey())).build()),
                ErrorCode.NO_SUCH_DEVICE, "not wired to the I/O bus");
        List<Event> refused = EventReader.readFile(layout.chassisEvents("A")).stream()
                .filter(e -> e.type().equals("usb.refused")).toList();
        assertThat(refused).hasSize(2).allSatisfy(e -> assertThat(e.source()).isEqualTo("A/2"));
    }

    @Test
    void emptyPortAnswersNoMedium() {
        assertRefused(() -> backplane.openLicense(0, open(license(List.of(CHASSIS_ID), 1))), ErrorCode.NO_MEDIUM,
                "no hardware key in the USB port");
    }

    @Test
    void licenseTheDongleRefusesAnswersLicenseRefusedWithTheReason() throws Exception {
        usb.attach(layout.keyImage("hwkey-A"));
        byte[] tampered = license(List.of(CHASSIS_ID), 1);
        tampered[tampered.length / 2] ^= 0x01;
        assertRefused(() -> backplane.openLicense(0, open(tampered)), ErrorCode.LICENSE_REFUSED, "www.lic");
        byte[] otherChassis = license(List.of(CHASSIS_ID), 1);
        // A key issued for chassis B cannot open a license on chassis A.
        IssuedHardwareKey keyB = HardwareKeyImage.issue(authority, "CHASSIS-B", DongleSecret.load(layout.dongleSecret()),
                layout.keyImage("hwkey-B"));
        usb.attach(layout.keyImage("hwkey-B"));
        assertRefused(() -> backplane.openLicense(0, open(otherChassis)), ErrorCode.LICENSE_REFUSED,
                "issued for hardware key " + hardwareKey.keyId());
        assertThat(keyB.keyId()).isNotEqualTo(hardwareKey.keyId());
    }

    @Test
    void locateSlotGivesTheReportedAddressOrNothing() throws Exception {
        Slot slot3 = slots.get(3);
        slot3.insert(dir.resolve("x.card"), "app");
        long gen = slot3.poweredOn(4242, "nonce");
        slot3.admit("nonce");
        slot3.addressReported(gen, "127.78.0.13");
        assertThat(backplane.locateSlot(2, LocateSlot.newBuilder().setSlot(3).build()).getIp()).isEqualTo("127.78.0.13");
        assertThat(backplane.locateSlot(2, LocateSlot.newBuilder().setSlot(1).build()).getIp()).isEmpty();
        assertRefused(() -> backplane.locateSlot(2, LocateSlot.newBuilder().setSlot(4).build()), ErrorCode.NO_SUCH_SLOT,
                "has no slot 4");
    }

    @Test
    void attachDetachAndSwapAreEachOneChange() throws Exception {
        HardwareKeyImage.issue(authority, "CHASSIS-B", DongleSecret.load(layout.dongleSecret()), layout.keyImage("hwkey-B"));
        usb.attach(layout.keyImage("hwkey-A"));
        usb.attach(layout.keyImage("hwkey-B"));
        usb.detach();
        usb.detach();
        assertThat(pushed).hasSize(3);
        assertThat(pushed.get(0)).get().extracting(UsbKeyInfo::chassisId).isEqualTo(CHASSIS_ID);
        assertThat(pushed.get(1)).get().extracting(UsbKeyInfo::chassisId).isEqualTo("CHASSIS-B");
        assertThat(pushed.get(2)).isEmpty();
        assertThat(ChassisBackplane.usbKeyInfo(pushed.get(2)).getAttached()).isFalse();
    }

    private interface Call {
        Object run() throws BackplaneRefusal;
    }

    private static void assertRefused(Call call, ErrorCode code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BackplaneRefusal.class, refusal -> {
            assertThat(refusal.code()).isEqualTo(code);
            assertThat(refusal.getMessage()).contains(messagePart);
        });
    }
}
