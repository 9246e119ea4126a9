package dev.vrack.dhcp;

import java.util.List;

/** Where the server keeps its lease records so they survive a restart. */
public interface LeaseStore extends AutoCloseable {

    /** The latest record of every address known to the store. */
    List<LeaseRecord> load();

    /** Records a change; the latest record of an address wins on the next load. */
    void save(LeaseRecord record);

    @Override
    void close();
}
