package dev.vrack.appapi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/** Loads the {@link RackApplication} of a decrypted bundle, in memory, from its manifest's entry class. */
public final class RackApplications {

    /** The manifest attribute naming the class that implements {@link RackApplication}. */
    public static final String ENTRY_ATTRIBUTE = "Rack-Application-Class";

    /** Where the manifest lives among the entries. */
    public static final String MANIFEST_PATH = "META-INF/MANIFEST.MF";

    private RackApplications() {
    }

    /**
     * Reads {@value #ENTRY_ATTRIBUTE} from the entries' manifest, defines the application's classes from memory
     * with an {@link InMemoryClassLoader} under {@code parent}, and instantiates the entry class.
     *
     * @param entries the application's files (jar entry path to content); the loader takes ownership
     * @param parent  the loader that provides {@link RackApplication} (usually the cartridge's)
     */
    public static RackApplication load(Map<String, byte[]> entries, ClassLoader parent) throws ApplicationLoadException {
        String entryClass = entryClass(entries);
        InMemoryClassLoader loader = new InMemoryClassLoader(entryClass, entries, parent);
        Class<?> type;
        try {
            type = Class.forName(entryClass, false, loader);
        } catch (ClassNotFoundException e) {
            throw new ApplicationLoadException("the manifest names " + ENTRY_ATTRIBUTE + ": " + entryClass
                    + " but the application has no such class: fix the manifest or add the class to the jar", e);
        } catch (LinkageError e) {
            throw new ApplicationLoadException("class " + entryClass + " cannot be defined (" + e
                    + "): rebuild the application for Java " + Runtime.version().feature() + " or earlier", e);
        }
        if (!RackApplication.class.isAssignableFrom(type)) {
            throw new ApplicationLoadException("class " + entryClass + " does not implement "
                    + RackApplication.class.getName() + " (as loaded by the cartridge): implement it, and do not"
                    + " bundle a copy of the app-api classes");
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new ApplicationLoadException("class " + entryClass + " must be public and concrete");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return (RackApplication) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ApplicationLoadException("class " + entryClass + " has no public no-argument constructor: add one", e);
        } catch (InvocationTargetException e) {
            throw new ApplicationLoadException("the constructor of " + entryClass + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ApplicationLoadException("class " + entryClass + " cannot be instantiated: " + e, e);
        }
    }

    /** The entry class the manifest names. */
    static String entryClass(Map<String, byte[]> entries) throws ApplicationLoadException {
        byte[] manifestBytes = entries.get(MANIFEST_PATH);
        if (manifestBytes == null) {
            throw new ApplicationLoadException("the application has no " + MANIFEST_PATH
                    + ": build it as a jar whose manifest names " + ENTRY_ATTRIBUTE);
        }
        Manifest manifest;
        try {
            manifest = new Manifest(new ByteArrayInputStream(manifestBytes));
        } catch (IOException | RuntimeException e) {
            throw new ApplicationLoadException("the application's " + MANIFEST_PATH + " cannot be parsed (" + e.getMessage() + ")", e);
        }
        String value = manifest.getMainAttributes().getValue(new Attributes.Name(ENTRY_ATTRIBUTE));
        if (value == null || value.isBlank()) {
            throw new ApplicationLoadException("the application's " + MANIFEST_PATH + " has no " + ENTRY_ATTRIBUTE
                    + " attribute: add one naming the class that implements " + RackApplication.class.getName());
        }
        String name = value.strip();
        if (!name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
            throw new ApplicationLoadException(ENTRY_ATTRIBUTE + " '" + name + "' is not a class name (e.g. com.example.MyApp)");
        }
        return name;
    }
}
