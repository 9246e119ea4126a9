package dev.vrack.appapi;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A class loader over the decrypted entries of an application (FIG. 32): classes are defined straight from
 * memory and resources are served from memory, so the plaintext of an encrypted application never touches the
 * disk. Parent first, like any class loader, so the application shares {@link RackApplication} with the
 * cartridge.
 *
 * <p>The loader takes ownership of the entry arrays: {@link #close()} overwrites them with zeros.
 */
public final class InMemoryClassLoader extends ClassLoader implements Closeable {

    /** The URL scheme of resources served from memory; such URLs open only through this loader. */
    public static final String URL_SCHEME = "vrack-memory";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> entries;
    private final URLStreamHandler handler = new MemoryHandler();
    private volatile boolean closed;

    /**
     * Creates a loader over jar entries (path with '/' separators, e.g. "com/example/Main.class", to content).
     *
     * @param name a name for diagnostics, e.g. the application ID
     */
    public InMemoryClassLoader(String name, Map<String, byte[]> entries, ClassLoader parent) {
        super(name, parent);
        Objects.requireNonNull(entries, "entries");
        this.entries = new HashMap<>(entries.size() * 2);
        entries.forEach((path, content) -> this.entries.put(stripLeadingSlash(Objects.requireNonNull(path, "entry path")),
                Objects.requireNonNull(content, "content of " + path)));
    }

    @Override
    protected Class<?> findClass(String className) throws ClassNotFoundException {
        byte[] bytes = closed ? null : entries.get(className.replace('.', '/') + ".class");
        if (bytes == null) {
            throw new ClassNotFoundException(className + (closed ? " (the application's class loader was closed)" : ""));
        }
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String packageName = className.substring(0, dot);
            if (getDefinedPackage(packageName) == null) {
                try {
                    definePackage(packageName, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException alreadyDefinedByAnotherThread) {
                    // a concurrent findClass in the same package won the race: the package exists, as wanted
                }
            }
        }
        return defineClass(className, bytes, 0, bytes.length);
    }

    @Override
    protected URL findResource(String path) {
        String key = stripLeadingSlash(path);
        if (closed || !entries.containsKey(key)) {
            return null;
        }
        try {
            // The handler is given explicitly, so no global URL handler factory is needed.
            return new URL(URL_SCHEME, "", -1, "/" + key, handler);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String path) {
        URL url = findResource(path);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
    }

    @Override
    public InputStream getResourceAsStream(String path) {
        InputStream fromParent = getParent() == null ? null : getParent().getResourceAsStream(path);
        if (fromParent != null) {
            return fromParent;
        }
        byte[] bytes = closed ? null : entries.get(stripLeadingSlash(path));
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }

    /** True if the loader holds an entry with this path. */
    public boolean contains(String path) {
        return !closed && entries.containsKey(stripLeadingSlash(path));
    }

    /** Overwrites every entry with zeros and forgets them; classes already defined keep working. */
    @Override
    public void close() {
        closed = true;
        synchronized (entries) {
            entries.values().forEach(bytes -> Arrays.fill(bytes, (byte) 0));
            entries.clear();
        }
    }

    private static String stripLeadingSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** Opens vrack-memory URLs of this loader from its entries. */
    private final class MemoryHandler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    byte[] bytes = closed ? null : entries.get(stripLeadingSlash(url.getPath()));
                    if (bytes == null) {
                        throw new FileNotFoundException(url + " (no such entry, or the application's class loader was closed)");
                    }
                    return new ByteArrayInputStream(bytes);
                }
            };
        }
    }
}
