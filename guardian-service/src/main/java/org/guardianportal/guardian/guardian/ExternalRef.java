package org.guardianportal.guardian.guardian;

/** Where a guardian comes from in a district system: unique per (source, id). */
public record ExternalRef(String source, String id) {

    /**
     * The reference as one string, stored beside it so that a single-field unique index serves every lookup by
     * reference, including {@code $in} over many (the embedded store cannot use a compound index for those). The
     * source's length in front keeps the key unambiguous whatever characters source and id hold.
     */
    String key() {
        return source.length() + ":" + source + ":" + id;
    }
}
