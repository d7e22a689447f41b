package org.guardianportal.guardian.guardian;

/** The request cannot be applied to the guardian as it now is (an external reference already taken, a concurrent change). */
public class GuardianConflictException extends RuntimeException {

    public GuardianConflictException(String detail) {
        super(detail);
    }
}
