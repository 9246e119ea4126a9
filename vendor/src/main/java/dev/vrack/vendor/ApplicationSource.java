package dev.vrack.vendor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The unencrypted application (FIG. 21, 601) as a directory tree: either a directory, or a jar opened as a
 * read-only zip file system, so that a jar's entries are sealed straight from the jar and never extracted to disk.
 */
final class ApplicationSource implements AutoCloseable {

    private final Path origin;
    private final Path root;
    private final FileSystem jar;

    private ApplicationSource(Path origin, Path root, FileSystem jar) {
        this.origin = origin;
        this.root = root;
        this.jar = jar;
    }

    /** Opens a jar file or a directory. */
    static ApplicationSource open(Path app) throws VendorException {
        if (Files.isDirectory(app, LinkOption.NOFOLLOW_LINKS)) {
            return new ApplicationSource(app, app, null);
        }
        if (!Files.isRegularFile(app)) {
            throw new VendorException(app + ": no such application jar or directory: give the jar the build produced"
                    + " (e.g. samples/target/samples-www.jar) or an application directory");
        }
        try {
            FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + app.toAbsolutePath().toUri()), Map.of("create", "false"));
            return new ApplicationSource(app, fs.getPath("/"), fs);
        } catch (IOException | RuntimeException e) {
            throw new VendorException(app + ": cannot be read as a jar (" + e.getMessage() + "): give a jar or a directory", e);
        }
    }

    /** The tree to seal: the directory itself, or the jar's root. */
    Path root() {
        return root;
    }

    /** True if the application is a directory on the default file system. */
    boolean isDirectory() {
        return jar == null;
    }

    /** Every regular file, relative with '/' separators, sorted. */
    List<String> files() throws VendorException {
        List<String> files = new ArrayList<>();
        Path base = root.toAbsolutePath().normalize();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(base.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/"));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new VendorException(origin + ": cannot list the application's files (" + e.getMessage() + ")", e);
        }
        return files;
    }

    @Override
    public void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }

    @Override
    public String toString() {
        return origin.toString();
    }
}
