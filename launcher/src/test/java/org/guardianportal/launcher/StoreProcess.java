package org.guardianportal.launcher;

import java.nio.file.Path;

/** The store alone, in a process of its own that a test can kill outright: {@code StoreProcess <data folder> <port>}. */
final class StoreProcess {

    private StoreProcess() {
    }

    public static void main(String[] args) throws Exception {
        MongoStore.start(Path.of(args[0]), Integer.parseInt(args[1]));
        Thread.sleep(Long.MAX_VALUE);
    }
}
