package org.guardianportal.guardian.guardian;

public class GuardianNotFoundException extends RuntimeException {

    public GuardianNotFoundException(String guardianId) {
        super("No guardian has the id '" + guardianId + "'.");
    }
}
