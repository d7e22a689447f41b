package org.guardianportal.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.guardianportal.launcher.store.StoreBackend;

import de.bwaldvogel.mongo.MongoServer;

/** A MongoDB-wire-compatible store (mongo-java-server) kept in one file, so data survives a restart. */
final class MongoStore implements AutoCloseable {

    private final MongoServer server;

    private MongoStore(MongoServer server) {
        this.server = server;
    }

    static MongoStore start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        MongoServer server = new MongoServer(new StoreBackend(dataDir.resolve("mongo.mv").toString()));
        server.bind("localhost", port);
        return new MongoStore(server);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
