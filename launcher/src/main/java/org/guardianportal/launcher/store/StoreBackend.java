package org.guardianportal.launcher.store;

import java.util.function.Supplier;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

/**
 * mongo-java-server's H2 backend, with these changes:
 * <ul>
 * <li>Every request holds the store version it started on until it is answered. H2 rewrites sparse chunks in the
 * background and frees the old ones once no registered reader needs them; mongo-java-server registers none, so a
 * scan longer than a few commits failed with "Chunk N not found" when its pages were freed under it.</li>
 * <li>Documents are kept as BSON, in H2's map and so in its page cache, rather than as decoded documents written
 * with Java serialisation; every read decodes a fresh instance, so an update never changes a document H2 is
 * serialising (see {@link StoredDocument}, {@link StoreCollection} and {@link BsonDocumentType}).</li>
 * <li>Unique indexes keep their keys encoded rather than Java-serialised (see {@link StoredKeyType}).</li>
 * <li>A collection's data size is counted when asked, not on every write, and {@code $in} of strings is matched by a
 * set lookup (see {@link StoreCollection}).</li>
 * <li>An update of one document by {@code _id} that sets, unsets, increments, appends to or removes from top-level
 * fields is applied to a copy of the document's top level, telling only the indexes on the fields it names (see
 * {@link StoreCollection} and {@link TopLevelUpdate}).</li>
 * </ul>
 * A store written by the stock backend opens here (its indexes are converted once); the stock backend cannot read a
 * store this one has written.
 * A failure of H2's background writer (committing, rewriting chunks) is logged with its cause. Closing lets go of the
 * versions no request uses before H2 closes (see {@link #close()}).
 */
public final class StoreBackend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(StoreBackend.class);

    public StoreBackend(String fileName) {
        this(new MVStore.Builder().fileName(fileName)
                .backgroundExceptionHandler((thread, failure) -> log.error(
                        "The embedded store's background writer failed", failure))
                .open());
    }

    StoreBackend(MVStore mvStore) {
        super(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return onOneVersion(() -> super.handleCommand(channel, database, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return onOneVersion(() -> super.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return onOneVersion(() -> super.handleQuery(query));
    }

    /**
     * A request that ends while H2's background writer holds the store's lock leaves the versions it kept to be let go
     * by the next commit; at close, with nothing left to commit, none comes, and H2's close then finds an old version
     * still kept (an assertion failure where assertions are on, as in the tests). So the background writer is stopped
     * first, and the versions no request uses are let go before the store closes.
     */
    @Override
    public void close() {
        MVStore mvStore = getMvStore();
        if (!mvStore.isClosed()) {
            mvStore.setAutoCommitDelay(0); // stops the background writer and waits for it
            mvStore.deregisterVersionUsage(mvStore.registerVersionUsage());
        }
        super.close();
    }

    private <T> T onOneVersion(Supplier<T> request) {
        MVStore.TxCounter usage = getMvStore().registerVersionUsage();
        try {
            return request.get();
        } finally {
            getMvStore().deregisterVersionUsage(usage);
        }
    }
}
