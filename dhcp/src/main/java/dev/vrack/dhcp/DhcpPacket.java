package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * One BOOTP/DHCP message (RFC 2131 section 2). Immutable; {@link #toBuilder()} makes changed copies.
 * Encoding and decoding live in {@link DhcpPacketCodec}.
 *
 * @param chaddr the 16-byte client hardware address field; {@link #hardwareAddress()} gives its first hlen bytes
 */
public record DhcpPacket(int op, int htype, int hlen, int hops, int xid, int secs, int flags,
                         Ipv4Address ciaddr, Ipv4Address yiaddr, Ipv4Address siaddr, Ipv4Address giaddr,
                         byte[] chaddr, String sname, String file, DhcpOptions options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int HTYPE_ETHERNET = 1;
    public static final Ipv4Address ZERO = new Ipv4Address(0);

    public DhcpPacket {
        if (op != BOOTREQUEST && op != BOOTREPLY) {
            throw new IllegalArgumentException("op must be 1 (BOOTREQUEST) or 2 (BOOTREPLY), got " + op);
        }
        checkByte("htype", htype);
        checkByte("hops", hops);
        if (hlen < 0 || hlen > 16) {
            throw new IllegalArgumentException("hlen must be 0..16, got " + hlen);
        }
        if (secs < 0 || secs > 0xffff || flags < 0 || flags > 0xffff) {
            throw new IllegalArgumentException("secs and flags are 16-bit fields, got " + secs + " and " + flags);
        }
        ciaddr = orZero(ciaddr);
        yiaddr = orZero(yiaddr);
        siaddr = orZero(siaddr);
        giaddr = orZero(giaddr);
        if (chaddr == null || chaddr.length > 16) {
            throw new IllegalArgumentException("chaddr must be at most 16 bytes");
        }
        chaddr = Arrays.copyOf(chaddr, 16);
        sname = sname == null ? "" : sname;
        file = file == null ? "" : file;
        options = options == null ? DhcpOptions.empty() : options;
    }

    private static void checkByte(String name, int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException(name + " is one byte (0..255), got " + v);
        }
    }

    private static Ipv4Address orZero(Ipv4Address a) {
        return a == null ? ZERO : a;
    }

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** The first {@code hlen} bytes of chaddr: the MAC address for Ethernet. */
    public byte[] hardwareAddress() {
        return Arrays.copyOf(chaddr, hlen);
    }

    /** The hardware address as {@code 02:00:00:00:00:01}. */
    public String macText() {
        return macText(hardwareAddress());
    }

    public static String macText(byte[] mac) {
        return HexFormat.ofDelimiter(":").formatHex(mac);
    }

    public Optional<DhcpMessageType> messageType() {
        return options.messageType();
    }

    public boolean isRequest() {
        return op == BOOTREQUEST;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DhcpPacket p && op == p.op && htype == p.htype && hlen == p.hlen && hops == p.hops
                && xid == p.xid && secs == p.secs && flags == p.flags && ciaddr.equals(p.ciaddr)
                && yiaddr.equals(p.yiaddr) && siaddr.equals(p.siaddr) && giaddr.equals(p.giaddr)
                && Arrays.equals(chaddr, p.chaddr) && sname.equals(p.sname) && file.equals(p.file)
                && options.equals(p.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(op, xid, ciaddr, yiaddr, giaddr, Arrays.hashCode(chaddr), options);
    }

    @Override
    public String toString() {
        return "DhcpPacket{" + messageType().map(Enum::name).orElse("BOOTP") + " op=" + op + " xid="
                + Integer.toHexString(xid) + " hops=" + hops + " ciaddr=" + ciaddr + " yiaddr=" + yiaddr
                + " giaddr=" + giaddr + " chaddr=" + macText() + " options=" + options + "}";
    }

    /** Mutable builder for packets; starts as an Ethernet BOOTREQUEST with everything else zero. */
    public static final class Builder {
        private int op = BOOTREQUEST;
        private int htype = HTYPE_ETHERNET;
        private int hlen = 6;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private Ipv4Address ciaddr = ZERO;
        private Ipv4Address yiaddr = ZERO;
        private Ipv4Address siaddr = ZERO;
        private Ipv4Address giaddr = ZERO;
        private byte[] chaddr = new byte[16];
        private String sname = "";
        private String file = "";
        private DhcpOptions options = DhcpOptions.empty();

        private Builder() {
        }

        private Builder(DhcpPacket p) {
            op = p.op;
            htype = p.htype;
            hlen = p.hlen;
            hops = p.hops;
            xid = p.xid;
            secs = p.secs;
            flags = p.flags;
            ciaddr = p.ciaddr;
            yiaddr = p.yiaddr;
            siaddr = p.siaddr;
            giaddr = p.giaddr;
            chaddr = p.chaddr();
            sname = p.sname;
            file = p.file;
            options = p.options;
        }

        public Builder op(int v) { op = v; return this; }
        public Builder htype(int v) { htype = v; return this; }
        public Builder hlen(int v) { hlen = v; return this; }
        public Builder hops(int v) { hops = v; return this; }
        public Builder xid(int v) { xid = v; return this; }
        public Builder secs(int v) { secs = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder ciaddr(Ipv4Address v) { ciaddr = v; return this; }
        public Builder yiaddr(Ipv4Address v) { yiaddr = v; return this; }
        public Builder siaddr(Ipv4Address v) { siaddr = v; return this; }
        public Builder giaddr(Ipv4Address v) { giaddr = v; return this; }
        public Builder sname(String v) { sname = v; return this; }
        public Builder file(String v) { file = v; return this; }
        public Builder options(DhcpOptions v) { options = v; return this; }

        /** Sets chaddr and hlen from a hardware address (at most 16 bytes). */
        public Builder hardwareAddress(byte[] mac) {
            hlen = mac.length;
            chaddr = mac.clone();
            return this;
        }

        /** Sets the raw 16-byte chaddr field without touching hlen. */
        public Builder chaddr(byte[] v) { chaddr = v.clone(); return this; }

        public DhcpPacket build() {
            return new DhcpPacket(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr,
                    chaddr, sname, file, options);
        }
    }
}
