package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wire format of DHCP packets (RFC 2131 section 2, RFC 2132 options, RFC 3396 long options).
 * Decoding treats every byte as hostile: each refusal names what was wrong and where.
 */
public final class DhcpPacketCodec {

    /** 236-byte BOOTP header plus the 4-byte magic cookie. */
    public static final int MIN_LENGTH = 240;
    /** Largest packet accepted: one Ethernet MTU, the most a real DHCP peer sends without option 57. */
    public static final int MAX_LENGTH = 1500;
    public static final int MAGIC_COOKIE = 0x63825363;
    /** BOOTP relay agents and old clients expect at least 300 bytes (RFC 1542 section 2.1). */
    private static final int MIN_ENCODED = 300;

    private DhcpPacketCodec() {
    }

    public static byte[] encode(DhcpPacket p) {
        ByteBuffer head = ByteBuffer.allocate(MIN_LENGTH);
        head.put((byte) p.op()).put((byte) p.htype()).put((byte) p.hlen()).put((byte) p.hops());
        head.putInt(p.xid()).putShort((short) p.secs()).putShort((short) p.flags());
        head.putInt(p.ciaddr().bits()).putInt(p.yiaddr().bits()).putInt(p.siaddr().bits()).putInt(p.giaddr().bits());
        head.put(p.chaddr());
        head.put(fixed(p.sname(), 64));
        head.put(fixed(p.file(), 128));
        head.putInt(MAGIC_COOKIE);

        ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_ENCODED);
        out.writeBytes(head.array());
        for (Map.Entry<Integer, byte[]> e : p.options().raw().entrySet()) {
            byte[] v = e.getValue();
            // RFC 3396: a value longer than 255 bytes is carried in several consecutive instances.
            int offset = 0;
            do {
                int n = Math.min(255, v.length - offset);
                out.write(e.getKey());
                out.write(n);
                out.write(v, offset, n);
                offset += n;
            } while (offset < v.length);
        }
        out.write(DhcpOptionCode.END);
        while (out.size() < MIN_ENCODED) {
            out.write(DhcpOptionCode.PAD);
        }
        return out.toByteArray();
    }

    private static byte[] fixed(String text, int size) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        // Keep room for the terminating NUL the field conventionally carries.
        return Arrays.copyOf(b.length >= size ? Arrays.copyOf(b, size - 1) : b, size);
    }

    public static DhcpPacket decode(byte[] data) throws MalformedPacketException {
        return decode(data, 0, data.length);
    }

    public static DhcpPacket decode(byte[] data, int offset, int length) throws MalformedPacketException {
        if (length < MIN_LENGTH) {
            throw new MalformedPacketException("packet is " + length + " bytes, shorter than the " + MIN_LENGTH
                    + "-byte DHCP minimum (236-byte BOOTP header and 4-byte magic cookie)");
        }
        if (length > MAX_LENGTH) {
            throw new MalformedPacketException("packet is " + length + " bytes, larger than the " + MAX_LENGTH
                    + "-byte maximum this server accepts");
        }
        ByteBuffer b = ByteBuffer.wrap(data, offset, length).slice();
        int op = b.get(0) & 0xff;
        if (op != DhcpPacket.BOOTREQUEST && op != DhcpPacket.BOOTREPLY) {
            throw new MalformedPacketException("op is " + op + "; expected 1 (BOOTREQUEST) or 2 (BOOTREPLY)");
        }
        int hlen = b.get(2) & 0xff;
        if (hlen > 16) {
            throw new MalformedPacketException("hlen is " + hlen + "; a hardware address has at most 16 bytes");
        }
        int cookie = b.getInt(236);
        if (cookie != MAGIC_COOKIE) {
            throw new MalformedPacketException("magic cookie is 0x" + Integer.toHexString(cookie)
                    + ", expected 0x63825363: this is not a DHCP packet (plain BOOTP is not served)");
        }
        byte[] chaddr = new byte[16];
        b.get(28, chaddr);
        byte[] sname = new byte[64];
        b.get(44, sname);
        byte[] file = new byte[128];
        b.get(108, file);
        DhcpOptions options = decodeOptions(b, MIN_LENGTH, length);
        return new DhcpPacket(op, b.get(1) & 0xff, hlen, b.get(3) & 0xff, b.getInt(4), b.getShort(8) & 0xffff,
                b.getShort(10) & 0xffff, new Ipv4Address(b.getInt(12)), new Ipv4Address(b.getInt(16)),
                new Ipv4Address(b.getInt(20)), new Ipv4Address(b.getInt(24)), chaddr, cString(sname),
                cString(file), options);
    }

    private static DhcpOptions decodeOptions(ByteBuffer b, int start, int end) throws MalformedPacketException {
        LinkedHashMap<Integer, byte[]> values = new LinkedHashMap<>();
        int i = start;
        boolean sawEnd = false;
        int previous = -1;
        while (i < end) {
            int code = b.get(i) & 0xff;
            if (code == DhcpOptionCode.PAD) {
                i++;
                continue;
            }
            if (code == DhcpOptionCode.END) {
                sawEnd = true;
                break;
            }
            if (i + 1 >= end) {
                throw new MalformedPacketException("option " + code + " at byte " + i + " has no length byte");
            }
            int len = b.get(i + 1) & 0xff;
            if (i + 2 + len > end) {
                throw new MalformedPacketException("option " + code + " at byte " + i + " declares " + len
                        + " bytes but only " + (end - i - 2) + " remain");
            }
            if (code == DhcpOptionCode.OVERLOAD) {
                throw new MalformedPacketException("option 52 (option overload into sname/file) is not supported;"
                        + " send the options in the options field");
            }
            byte[] value = new byte[len];
            b.get(i + 2, value);
            byte[] earlier = values.get(code);
            if (earlier != null) {
                // RFC 3396: repeated instances are concatenated into one value.
                byte[] joined = Arrays.copyOf(earlier, earlier.length + len);
                System.arraycopy(value, 0, joined, earlier.length, len);
                value = joined;
            }
            values.put(code, value);
            previous = code;
            i += 2 + len;
        }
        if (!sawEnd) {
            throw new MalformedPacketException("options end without an END (255) option"
                    + (previous >= 0 ? " after option " + previous : ""));
        }
        for (Map.Entry<Integer, byte[]> e : values.entrySet()) {
            String problem = DhcpOptionCode.problemWith(e.getKey(), e.getValue());
            if (problem != null) {
                throw new MalformedPacketException(problem);
            }
        }
        return DhcpOptions.ofChecked(values);
    }

    private static String cString(byte[] field) {
        int n = 0;
        while (n < field.length && field[n] != 0) {
            n++;
        }
        return new String(field, 0, n, StandardCharsets.ISO_8859_1);
    }
}
