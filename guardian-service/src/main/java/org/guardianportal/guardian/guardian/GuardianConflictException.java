package org.guardianportal.guardian.guardian;

/** The request cannot be applied to the guardian as it now is (an external reference already taken, a concurrent change). */
public class GuardianConflictException extends RuntimeException {

    private final Reason reason;

    public GuardianConflictException(Reason reason) {
        super(reason.toString());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
