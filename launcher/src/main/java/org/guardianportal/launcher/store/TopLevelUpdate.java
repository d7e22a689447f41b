package org.guardianportal.launcher.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An update that only sets, unsets, increments or appends to ({@code $push} of one value) top-level fields other than
 * {@code _id}, each named once, with values whose field names need no checking: every update the services send while
 * importing and delivering but the outbox's clean-up. It is applied to a copy of the stored document's top level,
 * which is enough because it replaces values and never changes one in place (an appended list is a new list).
 */
final class TopLevelUpdate {

    private static final Set<String> OPERATORS = Set.of("$set", "$unset", "$inc", "$push", "$setOnInsert");

    private final Set<String> fields;
    private final Document set;
    private final Set<String> unset;
    private final Document inc;
    private final Document push;

    private TopLevelUpdate(Set<String> fields, Document set, Set<String> unset, Document inc, Document push) {
        this.fields = fields;
        this.set = set;
        this.unset = unset;
        this.inc = inc;
        this.push = push;
    }

    /** The update, if it is one of these; null for any other (mongo-java-server applies it, or explains why not). */
    static TopLevelUpdate of(Document update, String idField) {
        if (update.isEmpty() || !OPERATORS.containsAll(update.keySet())) {
            return null;
        }
        Set<String> fields = new HashSet<>();
        for (Object operation : update.values()) {
            if (!(operation instanceof Document changes) || changes.isEmpty()) {
                return null;
            }
            for (Map.Entry<String, Object> change : changes.entrySet()) {
                String field = change.getKey();
                if (field.equals(idField) || field.isEmpty() || field.startsWith("$") || field.contains(".")
                        || !isPlain(change.getValue()) || !fields.add(field)) {
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
                (Document) update.getOrDefault("$push", new Document()));
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
     * The stored document as this update leaves it; null if a field to increment holds no number, or one to append to
     * no list.
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
        return updated;
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
                || changed(stored, updated, inc.keySet()) || !push.isEmpty();
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
