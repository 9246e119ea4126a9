package dev.vrack.firstembodiment;

import dev.vrack.firstembodiment.api.DeviceProgram;

/**
 * The parent of a program's in-memory class loader: the JDK's platform classes and the device program API,
 * nothing else. So a program's classes always come from its decrypted image (never from a copy on the class
 * path), and a program cannot reach the device's internals (its license key, its counter) by class name.
 */
final class ApiOnlyClassLoader extends ClassLoader {

    private static final String API_PACKAGE = DeviceProgram.class.getPackageName() + ".";

    static {
        registerAsParallelCapable();
    }

    ApiOnlyClassLoader() {
        super("device-program-api", ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE) && name.indexOf('.', API_PACKAGE.length()) < 0) {
            return DeviceProgram.class.getClassLoader().loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
