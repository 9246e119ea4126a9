package dev.vrack.dhcp;

import dev.vrack.common.Ipv4Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A lease store that lives only as long as the process: for a server configured without a lease file. */
public final class MemoryLeaseStore implements LeaseStore {

    private final Map<Ipv4Address, LeaseRecord> records = new LinkedHashMap<>();

    @Override
    public synchronized List<LeaseRecord> load() {
        return new ArrayList<>(records.values());
    }

    @Override
    public synchronized void save(LeaseRecord record) {
        records.put(record.ip(), record);
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
