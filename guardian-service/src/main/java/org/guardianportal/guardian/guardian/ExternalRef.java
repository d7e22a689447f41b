package org.guardianportal.guardian.guardian;

/** Where a guardian comes from in a district system: unique per (source, id). */
public record ExternalRef(String source, String id) {
}
