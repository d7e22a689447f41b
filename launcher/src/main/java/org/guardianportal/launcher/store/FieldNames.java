package org.guardianportal.launcher.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/**
 * Top-level field names a request needs of a document, also as UTF-8, so a document's BSON can be searched for them
 * without decoding the names it holds ({@link StoredDocument#open(Object, FieldNames)}).
 */
final class FieldNames {

    private static final Set<String> LOGICAL = Set.of("$and", "$or", "$nor");

    private final String[] names;
    private final byte[][] utf8;

    private FieldNames(Collection<String> names) {
        this.names = names.toArray(String[]::new);
        this.utf8 = Arrays.stream(this.names).map(name -> name.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /**
     * What a query projected to a plain list of fields reads: the fields its filter, sort and projection name, and
     * the id. Null, for the whole document, without such a projection or for a filter naming no field of its own
     * ({@code $where}, {@code $expr}, ...).
     */
    static FieldNames read(Document query, Document orderBy, Document projection, String idField) {
        Set<String> names = new LinkedHashSet<>();
        if (idField == null || !projected(projection, names) || !filtered(query, names)) {
            return null;
        }
        if (orderBy != null) {
            orderBy.keySet().stream().filter(field -> !field.startsWith("$")).map(FieldNames::topLevel)
                    .forEach(names::add);
        }
        names.add(idField);
        return new FieldNames(names);
    }

    /**
     * What an update by id reads and changes: the fields its filter names, those it changes, those of every index
     * (whose keys it may change) and the id. Null for a filter naming no field of its own.
     */
    static FieldNames updated(Document selector, Set<String> changed, List<? extends Index<?>> indexes,
            String idField) {
        Set<String> names = new LinkedHashSet<>(changed);
        if (!filtered(selector, names)) {
            return null;
        }
        indexes.forEach(index -> index.getKeys().stream().map(IndexKey::getKey).map(FieldNames::topLevel)
                .forEach(names::add));
        names.add(idField);
        return new FieldNames(names);
    }

    /** Adds the fields of a plain inclusion ({@code {a: 1, b.c: true}}); false for any other projection. */
    private static boolean projected(Document projection, Set<String> names) {
        if (projection == null || projection.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Object> field : projection.entrySet()) {
            String name = field.getKey();
            boolean included = included(field.getValue());
            if (!included && name.equals("_id")) {
                continue; // {_id: 0} leaves the id out of an inclusion of the others
            }
            if (!included || name.contains("$")) {
                return false;
            }
            names.add(topLevel(name));
        }
        return !names.isEmpty();
    }

    private static boolean included(Object value) {
        return value instanceof Boolean included ? included
                : value instanceof Number number && number.doubleValue() != 0;
    }

    /** Adds the fields a filter names, through {@code $and}, {@code $or} and {@code $nor}; false for anything else. */
    private static boolean filtered(Document query, Set<String> names) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String name = condition.getKey();
            if (!name.startsWith("$")) {
                names.add(topLevel(name));
            } else if (!LOGICAL.contains(name) || !(condition.getValue() instanceof List<?> clauses)
                    || !clauses.stream().allMatch(clause -> clause instanceof Document document
                            && filtered(document, names))) {
                return false;
            }
        }
        return true;
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The index of the name {@code bson[from, to)} spells; -1 if it is none of these. */
    int indexOf(byte[] bson, int from, int to) {
        for (int i = 0; i < utf8.length; i++) {
            if (Arrays.equals(utf8[i], 0, utf8[i].length, bson, from, to)) {
                return i;
            }
        }
        return -1;
    }

    int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    String name(int index) {
        return names[index];
    }

    byte[] utf8(int index) {
        return utf8[index];
    }

    int size() {
        return names.length;
    }
}
