package org.guardianportal.guardian.guardian;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Guardians read together for a bulk change. It also remembers which of them still had events waiting to be
 * published, so that the bulk write can keep each guardian's events in order without reading them back.
 */
public final class GuardianBatch {

    private final Map<String, Guardian> byId = new HashMap<>();
    private final Map<ExternalRef, Guardian> byReference = new HashMap<>();
    private final Set<String> withUnpublishedEvents = new HashSet<>();

    GuardianBatch() {
    }

    void add(Guardian guardian, boolean hasUnpublishedEvents) {
        byId.put(guardian.id(), guardian);
        if (guardian.externalRef() != null) {
            byReference.put(guardian.externalRef(), guardian);
        }
        if (hasUnpublishedEvents) {
            withUnpublishedEvents.add(guardian.id());
        }
    }

    public Optional<Guardian> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Guardian> byReference(ExternalRef ref) {
        return Optional.ofNullable(byReference.get(ref));
    }

    Set<String> withUnpublishedEvents() {
        return withUnpublishedEvents;
    }
}
