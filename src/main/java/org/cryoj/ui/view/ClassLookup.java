package org.cryoj.ui.view;

/**
 * Finds an optional viewer's classes by name at run time, so BigDataViewer and 3D Viewer are
 * never compile-time dependencies. Injectable so tests can hide or supply them in one JVM.
 */
@FunctionalInterface
public interface ClassLookup {

    Class<?> find(String className) throws ClassNotFoundException;

    /** The context class loader: in Fiji it sees every installed plugin jar. */
    static ClassLookup contextClassLoader() {
        return name -> {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            return Class.forName(name, false, cl != null ? cl : ClassLookup.class.getClassLoader());
        };
    }

    /** True when the class can be found. */
    default boolean has(String className) {
        try {
            find(className);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
