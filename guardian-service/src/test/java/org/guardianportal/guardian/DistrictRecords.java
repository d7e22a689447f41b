package org.guardianportal.guardian;

/** District records as a district system publishes them on {@code guardian.updates.v1}, from the SIECLE source. */
public final class DistrictRecords {

    private DistrictRecords() {
    }

    public static String record(String externalId, String firstName, String lastName, String email) {
        return "{\"source\":\"SIECLE\",\"externalId\":\"" + externalId + "\",\"firstName\":\"" + firstName
                + "\",\"lastName\":\"" + lastName + "\",\"email\":" + (email == null ? "null" : "\"" + email + "\"") + "}";
    }
}
