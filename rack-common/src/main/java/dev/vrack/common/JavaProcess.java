package dev.vrack.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts another JVM of the rack (a chassis, a cartridge) with the same Java and class path as
 * this one, its output appended to a log file.
 */
public final class JavaProcess {

    /** JVM options that keep a cartridge small; the whole rack may run dozens of them on 2 cores. */
    public static final List<String> SMALL_JVM = List.of(
            "-Xms8m", "-Xmx64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xss512k",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=24m", "-XX:MaxMetaspaceSize=96m",
            "-Xshare:auto", "-Djava.net.preferIPv4Stack=true",
            // A cartridge moves a few kilobytes a second: Netty's pooled arenas (4 MiB chunks per thread) cost more
            // memory than they save.
            "-Dio.netty.allocator.type=unpooled", "-Dio.netty.noPreferDirect=true");

    private JavaProcess() {
    }

    /** The java executable running this process. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The class path of this process, so children load exactly the same code. */
    public static String classPath() {
        return System.getProperty("java.class.path");
    }

    /**
     * Starts {@code mainClass} with {@code args}.
     *
     * @param detach start it in a new session (via {@code setsid} when available) so it outlives this
     *               process and its terminal
     */
    public static Process start(String mainClass, List<String> jvmOptions, List<String> args, Path logFile,
                                boolean detach) {
        List<String> command = new ArrayList<>();
        if (detach && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            // glibc gives each thread that allocates its own malloc arena; two are plenty for a small JVM.
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainClass + ": " + e.getMessage(), e);
        }
    }
}
