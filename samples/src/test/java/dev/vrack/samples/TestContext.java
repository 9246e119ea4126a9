package dev.vrack.samples;

import dev.vrack.appapi.AppContext;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/** An AppContext for tests: a random loopback address, a switchable license answer, recorded events. */
public final class TestContext implements AppContext {

    /** One recorded event. */
    public record Recorded(String type, Map<String, Object> details) {
    }

    private final InetAddress address;
    private volatile boolean permitted = true;
    private final List<Recorded> events = new CopyOnWriteArrayList<>();

    public TestContext() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // A fresh address inside 127.0.0.0/8 per test, so port 8080 is free however many tests run at once.
        this.address = InetAddress.getByAddress(new byte[] {127, 77, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255)});
    }

    @Override
    public InetAddress address() {
        return address;
    }

    @Override
    public String chassis() {
        return "A";
    }

    @Override
    public int slot() {
        return 3;
    }

    @Override
    public String chassisId() {
        return "CHASSIS-A-0001";
    }

    @Override
    public void event(String type, Map<String, Object> details) {
        events.add(new Recorded(type, new LinkedHashMap<>(details)));
    }

    @Override
    public boolean permitted() {
        return permitted;
    }

    public void permit(boolean permitted) {
        this.permitted = permitted;
    }

    public List<Recorded> events(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }
}
