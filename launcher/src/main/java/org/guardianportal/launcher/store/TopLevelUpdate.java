package org.guardianportal.launcher.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;

/**
 * An update that only sets, unsets, increments, appends to ({@code $push} of one value) or removes from ({@code $pull})
 * top-level fields other than {@code _id}, each named once, with values whose field names need no checking: every
 * update the services send while importing and delivering, the outbox's clean-up included. It is applied to a copy of
 * the stored document's top level, and never changes a value in place (a list appended to or removed from is a new
 * list).
 */
final class TopLevelUpdate {

    private static final String PULL = "$pull";
    private static final Set<String> OPERATORS = Set.of("$set", "$unset", "$inc", "$push", PULL, "$setOnInsert");
    /** mongo-java-server's own matching, as its {@code $pull} uses it: an element matches as it would there. */
    private static final QueryMatcher MATCHER = new DefaultQueryMatcher();

    private final Set<String> fields;
    private final Document set;
    private final Set<String> unset;
    private final Document inc;
    private final Document push;
    private final Document pull;

    private TopLevelUpdate(Set<String> fields, Document set, Set<String> unset, Document inc, Document push,
            Document pull) {
        this.fields = fields;
        this.set = set;
        this.unset = unset;
        this.inc = inc;
        this.push = push;
        this.pull = pull;
    }

    /** The update, if it is one of these; null for any other (mongo-java-server applies it, or explains why not). */
    static TopLevelUpdate of(Document update, String idField) {
        if (update.isEmpty() || !OPERATORS.containsAll(update.keySet())) {
            return null;
        }
        Set<String> fields = new HashSet<>();
        for (Map.Entry<String, Object> operation : update.entrySet()) {
            if (!(operation.getValue() instanceof Document changes) || changes.isEmpty()) {
                return null;
            }
            // what $pull is given is a condition, never stored: mongo-java-server's matcher reads it
            boolean stored = !operation.getKey().equals(PULL);
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                String field = change.getKey();
                if (field.equals(idField) || field.isEmpty() || field.startsWith("$") || field.contains(".")
                        || stored && !isPlain(change.getValue()) || !fields.add(field)) {
                    return null;
                }
            }
        }
        Document inc = (Document) update.getOrDefault("$inc", new Document());
        if (!inc.values().stream().allMatch(Number.class::isInstance)) {
            return null;
        }
        Document unset = (Document) update.getOrDefault("$unset", new Document());
        return new TopLevelUpdate(fields, (Document) update.getOrDefault("$set", new Document()), unset.keySet(), inc,
                (Document) update.getOrDefault("$push", new Document()),
                (Document) update.getOrDefault(PULL, new Document()));
    }

    /**
     * A value stored as given: no embedded document in it has a field name mongo-java-server would refuse or read as
     * an operator ({@code $each} of a {@code $push}), or as a path.
     */
    private static boolean isPlain(Object value) {
        if (value instanceof Document document) {
            return document.entrySet().stream().allMatch(field -> !field.getKey().isEmpty()
                    && !field.getKey().startsWith("$") && !field.getKey().contains(".") && isPlain(field.getValue()));
        }
        return !(value instanceof Collection<?> values) || values.stream().allMatch(TopLevelUpdate::isPlain);
    }

    /**
     * The stored document as this update leaves it; null if a field to increment holds no number, one to append to or
     * remove from no list, or a condition of {@code $pull} is one mongo-java-server refuses.
     */
    Document applyTo(Document stored) {
        Document updated = stored.clone();
        set.forEach(updated::put);
        unset.forEach(updated::remove);
        for (Map.Entry<String, Object> increment : inc.entrySet()) {
            Object current = updated.get(increment.getKey());
            if (current == null && !updated.containsKey(increment.getKey())) {
                updated.put(increment.getKey(), increment.getValue());
            } else if (current instanceof Number number) {
                updated.put(increment.getKey(), NumericUtils.addNumbers(number, (Number) increment.getValue()));
            } else {
                return null;
            }
        }
        for (Map.Entry<String, Object> append : push.entrySet()) {
            Object current = updated.get(append.getKey());
            boolean absent = current == null && !updated.containsKey(append.getKey());
            if (!absent && !(current instanceof List<?>)) {
                return null;
            }
            List<Object> longer = absent ? new ArrayList<>() : new ArrayList<>((List<?>) current);
            longer.add(append.getValue());
            updated.put(append.getKey(), longer);
        }
        for (Map.Entry<String, Object> removal : pull.entrySet()) {
            Object current = updated.get(removal.getKey());
            if (current == null) {
                continue; // absent or null: nothing to remove
            }
            if (!(current instanceof List<?> list)) {
                return null;
            }
            List<Object> kept = new ArrayList<>(list.size());
            try {
                for (Object element : list) {
                    if (!MATCHER.matchesValue(removal.getValue(), element)) {
                        kept.add(element);
                    }
                }
            } catch (MongoServerError refused) {
                return null;
            }
            updated.put(removal.getKey(), kept);
        }
        return updated;
    }

    /** The top-level fields it changes. */
    Set<String> fields() {
        return fields;
    }

    /**
     * Whether this update may change the keys of an index on these fields: it names the field, or the top-level field
     * a path starts with. The other fields of the updated document are the stored document's own values.
     */
    boolean touches(List<IndexKey> keys) {
        for (IndexKey key : keys) {
            String path = key.getKey();
            int dot = path.indexOf('.');
            if (fields.contains(dot < 0 ? path : path.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the update changed any field of the stored document. */
    boolean changed(Document stored, Document updated) {
        return changed(stored, updated, set.keySet()) || changed(stored, updated, unset)
                || changed(stored, updated, inc.keySet()) || !push.isEmpty() || changed(stored, updated, pull.keySet());
    }

    private static boolean changed(Document stored, Document updated, Set<String> fields) {
        for (String field : fields) {
            if (stored.containsKey(field) != updated.containsKey(field)
                    || !sameValue(stored.get(field), updated.get(field))) {
                return true;
            }
        }
        return false;
    }

    /** Equal, or the same number whatever its type, as mongo-java-server compares them. */
    private static boolean sameValue(Object stored, Object updated) {
        return Objects.equals(stored, updated) || stored instanceof Number && updated instanceof Number
                && ValueComparator.asc().compare(stored, updated) == 0;
    }
}
