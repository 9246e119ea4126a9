package dev.vrack.appapi;

/**
 * An application a cartridge runs (seed 000, FIG. 31: the executable started by the license agent). The
 * cartridge loads it from the decrypted bundle with {@link RackApplications#load}, calls {@link #start} once it
 * holds a license, and {@link #stop} when the application must end.
 *
 * <p>An implementation has a public no-argument constructor and is named by the jar manifest attribute
 * {@value RackApplications#ENTRY_ATTRIBUTE}.
 */
public interface RackApplication {

    /**
     * Starts the application and returns once it is serving (work continues on the application's own threads).
     * Bind only to {@link AppContext#address()}.
     *
     * @throws Exception if it cannot start; the cartridge reports the reason and does not call {@link #stop}
     */
    void start(AppContext ctx) throws Exception;

    /**
     * Stops the application. Must return promptly (well under a second) and release every socket it bound, so
     * that the cartridge can start it again on the same address; must not throw.
     */
    void stop();
}
