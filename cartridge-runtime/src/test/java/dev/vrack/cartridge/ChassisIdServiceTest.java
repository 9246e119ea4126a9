package dev.vrack.cartridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vrack.proto.chassisid.ChassisIdAnswer;
import dev.vrack.proto.chassisid.ChassisIdRequest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chassis ID service and the lookup of a cartridge off the I/O bus, over real sockets on 127.81.0.0/24. */
class ChassisIdServiceTest {

    private static final String SLOT0_IP = "127.81.0.1";
    private static final String ASKER_IP = "127.81.0.20";
    private static final String NONCE = "id-nonce";

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final AtomicBoolean serviceLink = new AtomicBoolean(true);

    @AfterEach
    void tearDown() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private ChassisIdService service() throws Exception {
        ChassisIdService service = ChassisIdService.start(new InetSocketAddress(SLOT0_IP, 0), "A", "CHASSIS-A-0001",
                serviceLink::get);
        cleanup.add(service);
        return service;
    }

    /** A backplane of slot 3 (off the I/O bus) of chassis A, connected to a fake chassis. */
    private BackplaneClient slot3(FakeChassis chassis) throws Exception {
        BackplaneClient client = new BackplaneClient(chassis.address(), reason -> { });
        cleanup.add(client);
        client.connect(NONCE, 1, Duration.ofSeconds(5));
        return client;
    }

    private FakeChassis chassis() {
        FakeChassis chassis = new FakeChassis(FakeChassis.welcomeFor(3, false).build(), NONCE, "CHASSIS-A-0001")
                .start();
        cleanup.add(chassis);
        return chassis;
    }

    private ChassisIdLookup lookup(BackplaneClient backplane, String chassis, int port) throws Exception {
        return new ChassisIdLookup(backplane, chassis, port, () -> true, InetAddress.getByName(ASKER_IP));
    }

    private static ChassisIdAnswer ask(InetSocketAddress service, ChassisIdRequest request) throws Exception {
        try (Socket socket = new Socket(service.getAddress(), service.getPort())) {
            socket.setSoTimeout(2000);
            send(socket, request.toByteArray());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            return ChassisIdAnswer.parseFrom(answer);
        }
    }

    private static void send(Socket socket, byte[] payload) throws Exception {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    @Test
    void aCartridgeOffTheIoBusLearnsTheIdFromSlotZero() throws Exception {
        ChassisIdService service = service();
        FakeChassis chassis = chassis();
        chassis.setSlotAddress(0, SLOT0_IP);

        String id = lookup(slot3(chassis), "A", service.address().getPort()).lookup(Duration.ofSeconds(10));

        assertThat(id).isEqualTo("CHASSIS-A-0001");
        assertThat(chassis.locateRequests()).isEqualTo(1);
    }

    @Test
    void aForeignChassisIsRefusedWithAReason() throws Exception {
        ChassisIdService service = service();

        ChassisIdAnswer answer = ask(service.address(), ChassisIdRequest.newBuilder().setVersion(1)
                .setAskingChassis("B").build());

        assertThat(answer.getChassisId()).isEmpty();
        assertThat(answer.getError()).contains("chassis ID service of chassis A").contains("chassis B");

        FakeChassis chassis = chassis();
        chassis.setSlotAddress(0, SLOT0_IP);
        ChassisIdLookup foreign = lookup(slot3(chassis), "B", service.address().getPort());
        assertThatThrownBy(() -> foreign.lookup(Duration.ofSeconds(5)))
                .isInstanceOf(ChassisIdException.class)
                .hasMessageContaining("refused to give the chassis ID");
    }

    @Test
    void anUnknownVersionIsRefused() throws Exception {
        ChassisIdService service = service();

        ChassisIdAnswer answer = ask(service.address(), ChassisIdRequest.newBuilder().setVersion(7)
                .setAskingChassis("A").build());

        assertThat(answer.getError()).contains("version 7");
    }

    @Test
    void theLookupWaitsWhileSlotZeroHasNoAddress() throws Exception {
        ChassisIdService service = service();
        FakeChassis chassis = chassis();
        ChassisIdLookup lookup = lookup(slot3(chassis), "A", service.address().getPort());

        CompletableFuture<String> id = CompletableFuture.supplyAsync(() -> {
            try {
                return lookup.lookup(Duration.ofSeconds(20));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> chassis.locateRequests() >= 3);
        assertThat(id).isNotDone();

        chassis.setSlotAddress(0, SLOT0_IP);

        assertThat(id.get(10, TimeUnit.SECONDS)).isEqualTo("CHASSIS-A-0001");
    }

    @Test
    void theLookupGivesUpWithAClearMessage() throws Exception {
        FakeChassis chassis = chassis();
        ChassisIdLookup lookup = lookup(slot3(chassis), "A", 7071);

        assertThatThrownBy(() -> lookup.lookup(Duration.ofMillis(700)))
                .isInstanceOf(ChassisIdException.class)
                .hasMessageContaining("slot 0 of chassis A has no LAN address yet")
                .hasMessageContaining("seated and powered in slot 0");
    }

    @Test
    void nothingIsAnsweredWhileTheServiceSlotsLinkIsDown() throws Exception {
        ChassisIdService service = service();
        serviceLink.set(false);

        assertThatThrownBy(() -> ask(service.address(), ChassisIdRequest.newBuilder().setVersion(1)
                .setAskingChassis("A").build())).isInstanceOf(SocketTimeoutException.class);

        serviceLink.set(true);
        assertThat(ask(service.address(), ChassisIdRequest.newBuilder().setVersion(1).setAskingChassis("A").build())
                .getChassisId()).isEqualTo("CHASSIS-A-0001");
    }

    @Test
    void garbageClosesOnlyThatConnection() throws Exception {
        ChassisIdService service = service();

        try (Socket socket = new Socket(service.address().getAddress(), service.address().getPort())) {
            socket.setSoTimeout(2000);
            send(socket, new byte[2000]);
            assertThatThrownBy(() -> new DataInputStream(socket.getInputStream()).readInt())
                    .isInstanceOf(EOFException.class);
        }

        assertThat(ask(service.address(), ChassisIdRequest.newBuilder().setVersion(1).setAskingChassis("A").build())
                .getChassisId()).isEqualTo("CHASSIS-A-0001");
    }
}
