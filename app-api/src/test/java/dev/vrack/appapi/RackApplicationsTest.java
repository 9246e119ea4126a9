package dev.vrack.appapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RackApplicationsTest {

    private static final String FIXTURE = "dev.vrack.appapi.fixture.";

    /** Like a cartridge's class path: the app-api is visible, the application's classes are not. */
    private static final ClassLoader CARTRIDGE = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(FIXTURE) || !name.startsWith("dev.vrack.appapi.")) {
                throw new ClassNotFoundException(name);
            }
            return RackApplication.class.getClassLoader().loadClass(name);
        }
    };

    @Test
    void definesTheApplicationFromMemoryAndServesItsResources() throws Exception {
        Map<String, byte[]> entries = application(FIXTURE + "HelloApplication");
        RackApplication app = RackApplications.load(entries, CARTRIDGE);

        assertThat(app.getClass().getName()).isEqualTo(FIXTURE + "HelloApplication");
        assertThat(app.getClass().getClassLoader()).isInstanceOf(InMemoryClassLoader.class);
        assertThat(app.getClass().getPackage().getName()).isEqualTo("dev.vrack.appapi.fixture");
        List<String> events = new CopyOnWriteArrayList<>();
        app.start(context(events));
        app.stop();
        assertThat(events).containsExactly("hello.started {greeting=bonjour, helper=helper}");

        InMemoryClassLoader loader = (InMemoryClassLoader) app.getClass().getClassLoader();
        URL url = loader.getResource("greeting.txt");
        assertThat(url.getProtocol()).isEqualTo(InMemoryClassLoader.URL_SCHEME);
        try (InputStream in = url.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bonjour");
        }
    }

    @Test
    void closeWipesTheDecryptedEntries() throws Exception {
        Map<String, byte[]> entries = application(FIXTURE + "HelloApplication");
        byte[] classBytes = entries.get("dev/vrack/appapi/fixture/HelloApplication.class");
        InMemoryClassLoader loader = new InMemoryClassLoader("hello", entries, CARTRIDGE);
        Class<?> type = loader.loadClass(FIXTURE + "HelloApplication");
        loader.close();

        assertThat(classBytes).containsOnly((byte) 0);
        assertThat(loader.contains("greeting.txt")).isFalse();
        assertThat(loader.getResource("greeting.txt")).isNull();
        assertThatThrownBy(() -> loader.loadClass(FIXTURE + "Helper")).isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("closed");
        assertThat(type.getName()).endsWith("HelloApplication");
    }

    @Test
    void badApplicationsAreRefusedWithAClearReason() throws Exception {
        Map<String, byte[]> noManifest = application(FIXTURE + "HelloApplication");
        noManifest.remove(RackApplications.MANIFEST_PATH);
        assertThatThrownBy(() -> RackApplications.load(noManifest, CARTRIDGE))
                .isInstanceOf(ApplicationLoadException.class).hasMessageContaining("has no META-INF/MANIFEST.MF");

        Map<String, byte[]> noAttribute = application(FIXTURE + "HelloApplication");
        noAttribute.put(RackApplications.MANIFEST_PATH, "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RackApplications.load(noAttribute, CARTRIDGE))
                .hasMessageContaining("has no Rack-Application-Class attribute");

        assertThatThrownBy(() -> RackApplications.load(application(FIXTURE + "Missing"), CARTRIDGE))
                .hasMessageContaining("has no such class");
        assertThatThrownBy(() -> RackApplications.load(application(FIXTURE + "NotAnApplication"), CARTRIDGE))
                .hasMessageContaining("does not implement dev.vrack.appapi.RackApplication");
        assertThatThrownBy(() -> RackApplications.load(application("not a class!"), CARTRIDGE))
                .hasMessageContaining("is not a class name");
    }

    private static Map<String, byte[]> application(String entryClass) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        entries.put(RackApplications.MANIFEST_PATH, ("Manifest-Version: 1.0\r\nRack-Application-Class: " + entryClass
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        entries.put("greeting.txt", "bonjour".getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("HelloApplication", "Helper", "NotAnApplication")) {
            String path = "dev/vrack/appapi/fixture/" + name + ".class";
            try (InputStream in = RackApplicationsTest.class.getClassLoader().getResourceAsStream(path)) {
                entries.put(path, in.readAllBytes());
            }
        }
        return entries;
    }

    private static AppContext context(List<String> events) {
        return new AppContext() {
            @Override
            public InetAddress address() {
                return InetAddress.getLoopbackAddress();
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
                events.add(type + " " + new java.util.TreeMap<>(details));
            }

            @Override
            public boolean permitted() {
                return true;
            }
        };
    }
}
