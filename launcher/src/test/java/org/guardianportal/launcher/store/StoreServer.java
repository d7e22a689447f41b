package org.guardianportal.launcher.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

/** A store's backend served on a free local port, with a real MongoDB driver client to it; closing stops both. */
final class StoreServer implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    private StoreServer(MongoServer server, MongoClient client) {
        this.server = server;
        this.client = client;
    }

    static StoreServer start(MongoBackend backend) {
        MongoServer server = new MongoServer(backend);
        return new StoreServer(server, MongoClients.create(server.bindAndGetConnectionString()));
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.shutdown();
        }
    }
}
