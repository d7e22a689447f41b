package org.guardianportal.contracts;

/** A guardian record as a district system publishes it on {@code guardian.updates.v1}. */
public record GuardianUpdate(String source, String externalId, String firstName, String lastName, String email) {
}
