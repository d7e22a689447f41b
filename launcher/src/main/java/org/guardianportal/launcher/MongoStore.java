package org.guardianportal.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** A MongoDB-wire-compatible store (mongo-java-server) kept in one file, so data survives a restart. */
final class MongoStore implements AutoCloseable {

    private final MongoServer server;

    private MongoStore(MongoServer server) {
        this.server = server;
    }

    static MongoStore start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        MongoServer server = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
        server.bind("localhost", port);
        return new MongoStore(server);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
