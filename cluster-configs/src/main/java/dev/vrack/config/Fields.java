package dev.vrack.config;

/** The paths of the rack file's fields, in one place so messages and checks agree on them. */
final class Fields {

    static final FieldPath SUBNET = FieldPath.ROOT.field("subnet");
    static final FieldPath DHCP = FieldPath.ROOT.field("dhcp");
    static final FieldPath SERVER = DHCP.field("server");
    static final FieldPath POOL = DHCP.field("pool");
    static final FieldPath POOL_START = POOL.field("start");
    static final FieldPath POOL_END = POOL.field("end");
    static final FieldPath CHASSIS = FieldPath.ROOT.field("chassis");

    private Fields() {
    }

    static FieldPath chassis(int index) {
        return CHASSIS.index(index);
    }

    static FieldPath cartridge(int chassisIndex, int cartridgeIndex) {
        return chassis(chassisIndex).field("cartridges").index(cartridgeIndex);
    }
}
