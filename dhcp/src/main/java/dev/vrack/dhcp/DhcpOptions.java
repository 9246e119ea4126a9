package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The options of a DHCP packet: an immutable, ordered map from option code to value, with typed
 * accessors and {@code with...} methods that return a copy. Values of options with a fixed format
 * are checked when set, so the accessors never meet a value of the wrong length.
 */
public final class DhcpOptions {

    private static final DhcpOptions EMPTY = new DhcpOptions(new LinkedHashMap<>());

    private final LinkedHashMap<Integer, byte[]> values;

    private DhcpOptions(LinkedHashMap<Integer, byte[]> values) {
        this.values = values;
    }

    public static DhcpOptions empty() {
        return EMPTY;
    }

    /** Option codes in the order they appear (or were added). */
    public List<Integer> codes() {
        return List.copyOf(values.keySet());
    }

    public boolean has(int code) {
        return values.containsKey(code);
    }

    /** The raw value of an option, copied. */
    public Optional<byte[]> get(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    /** A copy with {@code code} set to {@code value} (kept in place if present, else appended). */
    public DhcpOptions with(int code, byte[] value) {
        if (code <= 0 || code >= 255) {
            throw new IllegalArgumentException("option code must be 1..254 (0 is PAD, 255 is END), got " + code);
        }
        String problem = DhcpOptionCode.problemWith(code, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        LinkedHashMap<Integer, byte[]> copy = new LinkedHashMap<>(values);
        copy.put(code, value.clone());
        return new DhcpOptions(copy);
    }

    public DhcpOptions without(int code) {
        if (!values.containsKey(code)) {
            return this;
        }
        LinkedHashMap<Integer, byte[]> copy = new LinkedHashMap<>(values);
        copy.remove(code);
        return new DhcpOptions(copy);
    }

    /** Used by the decoder, which has already checked every value. */
    static DhcpOptions ofChecked(LinkedHashMap<Integer, byte[]> values) {
        return new DhcpOptions(values);
    }

    Map<Integer, byte[]> raw() {
        return Collections.unmodifiableMap(values);
    }

    // ---- typed accessors ----

    /** Option 53; empty when absent or a code this implementation does not know. */
    public Optional<DhcpMessageType> messageType() {
        byte[] v = values.get(DhcpOptionCode.MESSAGE_TYPE);
        return v == null ? Optional.empty() : DhcpMessageType.fromCode(v[0] & 0xff);
    }

    public Optional<Ipv4Address> requestedIp() {
        return address(DhcpOptionCode.REQUESTED_IP);
    }

    /** Option 51 in seconds (unsigned 32-bit). */
    public OptionalLong leaseSeconds() {
        return seconds(DhcpOptionCode.LEASE_TIME);
    }

    public Optional<Ipv4Address> serverId() {
        return address(DhcpOptionCode.SERVER_ID);
    }

    public List<Integer> parameterList() {
        byte[] v = values.get(DhcpOptionCode.PARAMETER_LIST);
        List<Integer> out = new ArrayList<>();
        if (v != null) {
            for (byte b : v) {
                out.add(b & 0xff);
            }
        }
        return out;
    }

    public Optional<String> message() {
        return text(DhcpOptionCode.MESSAGE);
    }

    public Optional<String> hostname() {
        return text(DhcpOptionCode.HOSTNAME);
    }

    public OptionalInt maxMessageSize() {
        byte[] v = values.get(DhcpOptionCode.MAX_MESSAGE_SIZE);
        return v == null ? OptionalInt.empty() : OptionalInt.of(((v[0] & 0xff) << 8) | (v[1] & 0xff));
    }

    /** Option 58, T1, in seconds. */
    public OptionalLong renewalSeconds() {
        return seconds(DhcpOptionCode.RENEWAL_TIME);
    }

    /** Option 59, T2, in seconds. */
    public OptionalLong rebindingSeconds() {
        return seconds(DhcpOptionCode.REBINDING_TIME);
    }

    public Optional<byte[]> clientId() {
        return get(DhcpOptionCode.CLIENT_ID);
    }

    public Optional<Ipv4Address> subnetMask() {
        return address(DhcpOptionCode.SUBNET_MASK);
    }

    public List<Ipv4Address> routers() {
        return addresses(DhcpOptionCode.ROUTER);
    }

    public List<Ipv4Address> dnsServers() {
        return addresses(DhcpOptionCode.DNS);
    }

    public Optional<Ipv4Address> broadcastAddress() {
        return address(DhcpOptionCode.BROADCAST);
    }

    /** Option 82; the decoder has already refused malformed ones. */
    public Optional<RelayAgentInfo> relayAgentInfo() {
        byte[] v = values.get(DhcpOptionCode.RELAY_AGENT_INFO);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RelayAgentInfo.decode(v));
        } catch (MalformedPacketException impossible) {
            throw new IllegalStateException("option 82 was checked when set", impossible);
        }
    }

    // ---- typed setters ----

    public DhcpOptions withMessageType(DhcpMessageType type) {
        return with(DhcpOptionCode.MESSAGE_TYPE, new byte[] {(byte) type.code()});
    }

    public DhcpOptions withRequestedIp(Ipv4Address ip) {
        return with(DhcpOptionCode.REQUESTED_IP, ip.toBytes());
    }

    public DhcpOptions withLeaseSeconds(long seconds) {
        return with(DhcpOptionCode.LEASE_TIME, u32(seconds));
    }

    public DhcpOptions withServerId(Ipv4Address ip) {
        return with(DhcpOptionCode.SERVER_ID, ip.toBytes());
    }

    public DhcpOptions withParameterList(int... codes) {
        byte[] v = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            v[i] = (byte) codes[i];
        }
        return with(DhcpOptionCode.PARAMETER_LIST, v);
    }

    public DhcpOptions withMessage(String text) {
        return with(DhcpOptionCode.MESSAGE, truncated(text));
    }

    public DhcpOptions withHostname(String text) {
        return with(DhcpOptionCode.HOSTNAME, truncated(text));
    }

    public DhcpOptions withMaxMessageSize(int size) {
        return with(DhcpOptionCode.MAX_MESSAGE_SIZE, new byte[] {(byte) (size >>> 8), (byte) size});
    }

    public DhcpOptions withRenewalSeconds(long seconds) {
        return with(DhcpOptionCode.RENEWAL_TIME, u32(seconds));
    }

    public DhcpOptions withRebindingSeconds(long seconds) {
        return with(DhcpOptionCode.REBINDING_TIME, u32(seconds));
    }

    public DhcpOptions withClientId(byte[] id) {
        return with(DhcpOptionCode.CLIENT_ID, id);
    }

    public DhcpOptions withSubnetMask(Ipv4Address mask) {
        return with(DhcpOptionCode.SUBNET_MASK, mask.toBytes());
    }

    public DhcpOptions withRouters(List<Ipv4Address> routers) {
        return with(DhcpOptionCode.ROUTER, join(routers));
    }

    public DhcpOptions withDnsServers(List<Ipv4Address> servers) {
        return with(DhcpOptionCode.DNS, join(servers));
    }

    public DhcpOptions withBroadcastAddress(Ipv4Address ip) {
        return with(DhcpOptionCode.BROADCAST, ip.toBytes());
    }

    public DhcpOptions withRelayAgentInfo(RelayAgentInfo info) {
        return with(DhcpOptionCode.RELAY_AGENT_INFO, info.encode());
    }

    // ---- helpers ----

    private Optional<Ipv4Address> address(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(Ipv4Address.fromBytes(v, 0));
    }

    private List<Ipv4Address> addresses(int code) {
        byte[] v = values.get(code);
        List<Ipv4Address> out = new ArrayList<>();
        if (v != null) {
            for (int i = 0; i + 4 <= v.length; i += 4) {
                out.add(Ipv4Address.fromBytes(v, i));
            }
        }
        return out;
    }

    private OptionalLong seconds(int code) {
        byte[] v = values.get(code);
        return v == null ? OptionalLong.empty() : OptionalLong.of(Ipv4Address.fromBytes(v, 0).bits() & 0xffffffffL);
    }

    private Optional<String> text(int code) {
        byte[] v = values.get(code);
        return v == null ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
    }

    private static byte[] u32(long seconds) {
        if (seconds < 0 || seconds > 0xffffffffL) {
            throw new IllegalArgumentException("a DHCP time must be 0..4294967295 seconds, got " + seconds);
        }
        return new Ipv4Address((int) seconds).toBytes();
    }

    private static byte[] join(List<Ipv4Address> addresses) {
        byte[] v = new byte[addresses.size() * 4];
        for (int i = 0; i < addresses.size(); i++) {
            System.arraycopy(addresses.get(i).toBytes(), 0, v, i * 4, 4);
        }
        return v;
    }

    private static byte[] truncated(String text) {
        byte[] v = text.getBytes(StandardCharsets.UTF_8);
        // Long values are split over several instances by the encoder (RFC 3396), but texts this long
        // are never useful in a message or host name; keep packets small.
        return v.length > 255 ? Arrays.copyOf(v, 255) : v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DhcpOptions other) || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        List<Integer> mine = new ArrayList<>(values.keySet());
        List<Integer> theirs = new ArrayList<>(other.values.keySet());
        if (!mine.equals(theirs)) {
            return false;
        }
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            h = 31 * h + e.getKey() * 17 + Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(HexFormat.of().formatHex(e.getValue()));
        }
        return sb.append('}').toString();
    }
}
