package dev.vrack.config;

import dev.vrack.common.Ipv4Address;
import dev.vrack.common.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the rack's LAN addresses: all inside the subnet and usable by a host, a pool that runs forwards, and no
 * address used twice among the DHCP server, the hubs and the fixed cartridge addresses. Fixed addresses may
 * sit inside the pool (the server reserves them), but the server's and the hubs' may not: the server would
 * lease them to a cartridge.
 */
final class AddressChecks {

    /** One address the rack assigns to something, and where it came from. */
    private record Use(Ipv4Address address, FieldPath path, String role, boolean explicit) {
    }

    private final RackConfig config;
    private final Subnet subnet;
    private final ProblemSink problems;

    AddressChecks(RackConfig config, ProblemSink problems) {
        this.config = config;
        this.subnet = config.subnet();
        this.problems = problems;
    }

    void run() {
        List<Use> uses = uses();
        boolean allInside = true;
        for (Use use : uses) {
            allInside &= inside(use.address(), use.explicit() ? use.path() : Fields.SUBNET, use.role());
        }
        boolean poolValid = pool();
        duplicates(uses);
        if (allInside && poolValid) {
            for (Use use : uses) {
                if (!use.role().startsWith("the fixed address")) {
                    notInPool(use);
                }
            }
        }
    }

    private List<Use> uses() {
        List<Use> uses = new ArrayList<>();
        boolean serverExplicit = problems.present(Fields.SERVER);
        uses.add(new Use(config.dhcp().server(), serverExplicit ? Fields.SERVER : Fields.SUBNET,
                "the DHCP server's address (" + (serverExplicit ? "dhcp.server" : "by default the first host") + ")",
                serverExplicit));
        for (int i = 0; i < config.chassis().size(); i++) {
            ChassisConfig chassis = config.chassis().get(i);
            FieldPath hubPath = Fields.chassis(i).field("hubAddress");
            boolean hubExplicit = problems.present(hubPath);
            uses.add(new Use(chassis.hubAddress(), hubExplicit ? hubPath : Fields.chassis(i),
                    "the hub address of chassis " + chassis.name()
                            + (hubExplicit ? "" : " (by default the last host - " + i + ")"),
                    hubExplicit));
            for (int j = 0; j < chassis.cartridges().size(); j++) {
                CartridgeConfig cartridge = chassis.cartridges().get(j);
                FieldPath path = Fields.cartridge(i, j).field("address");
                String role = "the fixed address of " + chassis.name() + "/" + cartridge.slot();
                cartridge.address().ifPresent(address -> uses.add(new Use(address, path, role, true)));
            }
        }
        return uses;
    }

    /** Reports an address a host cannot use in this subnet; true when it is fine. */
    private boolean inside(Ipv4Address address, FieldPath path, String role) {
        String range = "use an address from " + subnet.firstHost() + " to " + subnet.lastHost();
        if (!subnet.contains(address)) {
            problems.add(path, address + " (" + role + ") is outside the subnet " + subnet + "; " + range);
            return false;
        }
        if (address.equals(subnet.network()) || address.equals(subnet.broadcast())) {
            String which = address.equals(subnet.network()) ? "network" : "broadcast";
            problems.add(path, address + " (" + role + ") is the subnet's " + which
                    + " address, which no host may use; " + range);
            return false;
        }
        return true;
    }

    /** Checks the pool; true when it is a usable range inside the subnet. */
    private boolean pool() {
        DhcpSettings dhcp = config.dhcp();
        if (!problems.present(Fields.POOL)) {
            if (dhcp.poolStart().compareTo(dhcp.poolEnd()) > 0) {
                problems.add(Fields.SUBNET, subnet + " is too small: no address is left for the DHCP pool between "
                        + "the DHCP server and the hubs; use a larger subnet (a /24 is typical) or set dhcp.pool");
                return false;
            }
            return true;
        }
        boolean valid = inside(dhcp.poolStart(), Fields.POOL_START, "the first address of the pool");
        valid &= inside(dhcp.poolEnd(), Fields.POOL_END, "the last address of the pool");
        if (valid && dhcp.poolStart().compareTo(dhcp.poolEnd()) > 0) {
            problems.add(Fields.POOL, "start " + dhcp.poolStart() + " comes after end " + dhcp.poolEnd()
                    + "; the pool runs from start up to end, so swap them");
            return false;
        }
        return valid;
    }

    private void duplicates(List<Use> uses) {
        Map<Ipv4Address, Use> first = new LinkedHashMap<>();
        for (Use use : uses) {
            Use earlier = first.putIfAbsent(use.address(), use);
            if (earlier == null) {
                continue;
            }
            // Point at a line the user wrote: the later use if explicit, else the earlier one.
            Use blamed = use.explicit() || !earlier.explicit() ? use : earlier;
            Use other = blamed == use ? earlier : use;
            String where = other.explicit() ? " (line " + problems.lineOf(other.path()) + ")" : "";
            problems.add(blamed.path(), blamed.address() + " is " + blamed.role() + " and also " + other.role()
                    + where + "; every address in the rack must be different, so pick another one");
        }
    }

    private void notInPool(Use use) {
        DhcpSettings dhcp = config.dhcp();
        if (!dhcp.inPool(use.address())) {
            return;
        }
        boolean poolExplicit = problems.present(Fields.POOL);
        FieldPath path = use.explicit() ? use.path() : poolExplicit ? Fields.POOL : Fields.SUBNET;
        problems.add(path, use.address() + " (" + use.role() + ") lies inside the DHCP pool " + dhcp.poolStart()
                + ".." + dhcp.poolEnd() + (poolExplicit ? "" : " (the default pool)")
                + ", so it could be leased to a cartridge; pick an address outside the pool"
                + (poolExplicit ? " or shrink the pool" : " or set dhcp.pool"));
    }
}
