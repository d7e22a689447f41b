package org.guardianportal.launcher.store;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Date;
import java.util.List;
import java.util.Map.Entry;
import java.util.Set;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/** The stock H2 unique index, over a map whose keys are kept, written and compared encoded (see {@link StoredKeyType}). */
final class StoreUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<StoredKey, Object> map;
    /** The indexed fields, if every one is a top-level field (no path into a subdocument); otherwise null. */
    private final String[] topLevelFields;

    StoreUniqueIndex(String name, MVMap<StoredKey, Object> map, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        List<String> fields = keys.stream().map(IndexKey::getKey).toList();
        this.topLevelFields = fields.stream().anyMatch(field -> field.contains(".")) ? null
                : fields.toArray(String[]::new);
    }

    /**
     * A document's key in this index, as mongo-java-server computes it: each field's value, a number as a double (a
     * long a double cannot hold as itself), a missing field as null. mongo-java-server splits every field's path with a
     * regular expression and builds a map, streams and lists for every index, several times per update: a large share
     * of an update's time. Here a key of top-level fields holding a string, date, boolean, object id, number or nothing
     * is read directly; any other key (a path, an array, a subdocument) is computed by mongo-java-server.
     */
    @Override
    public Set<KeyValue> getKeyValues(Document document) {
        if (topLevelFields == null) {
            return super.getKeyValues(document);
        }
        Object[] values = new Object[topLevelFields.length];
        for (int i = 0; i < values.length; i++) {
            Object value = document.get(topLevelFields[i]);
            if (value == null || value instanceof Missing) {
                values[i] = null;
            } else if (value instanceof String || value instanceof Date || value instanceof Boolean
                    || value instanceof ObjectId) {
                values[i] = value;
            } else if (value instanceof Long number && number != (long) number.doubleValue()) {
                values[i] = number;
            } else if (value instanceof Long || value instanceof Integer || value instanceof Double) {
                double number = ((Number) value).doubleValue();
                values[i] = number == -0.0 ? 0.0 : number;
            } else {
                return super.getKeyValues(document);
            }
        }
        return Set.of(new KeyValue(values));
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(StoredKey.of(keyValue));
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(StoredKey.of(keyValue), Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return () -> map.entrySet().stream()
                .map(entry -> (Entry<KeyValue, Object>) new SimpleImmutableEntry<>(entry.getKey().keyValue(), entry.getValue()))
                .iterator();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(StoredKey.of(keyValue));
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
