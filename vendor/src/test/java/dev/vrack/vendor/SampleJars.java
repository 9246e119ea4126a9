package dev.vrack.vendor;

import dev.vrack.appapi.AppContext;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Test helpers: the sample jars the build produced, their entries, a cartridge-like class loader, a context. */
final class SampleJars {

    private SampleJars() {
    }

    /** The jar of a sample ("www" or "primes"), from the build (see the surefire configuration). */
    static Path jar(String sample) {
        String property = System.getProperty("vrack.sample." + sample);
        if (property == null || property.isBlank() || property.startsWith("${")) {
            throw new IllegalStateException("system property vrack.sample." + sample + " is not set: run the tests through Maven");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: mvn -pl samples install first");
        }
        return jar;
    }

    /** Every file entry of a jar, read in memory. */
    static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
                }
            }
        }
        return entries;
    }

    /**
     * Like a cartridge's class path: the app-api and the JDK are visible, the samples are not (the test class
     * path holds them only so Maven builds them first), so their classes can come only from the bundle.
     */
    static final ClassLoader CARTRIDGE = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.startsWith("dev.vrack.appapi.")) {
                throw new ClassNotFoundException(name);
            }
            return AppContext.class.getClassLoader().loadClass(name);
        }
    };

    /** A context on a fresh loopback address, always permitted, recording event types. */
    static final class Context implements AppContext {
        final List<String> events = new CopyOnWriteArrayList<>();
        private final InetAddress address;

        Context() throws IOException {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            address = InetAddress.getByAddress(new byte[] {127, 78, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255)});
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
            events.add(type);
        }

        @Override
        public boolean permitted() {
            return true;
        }
    }
}
