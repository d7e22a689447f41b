package org.guardianportal.guardian.guardian;

/** No guardian has the id asked for. */
public class GuardianNotFoundException extends RuntimeException {

    private final Reason reason;

    public GuardianNotFoundException(String guardianId) {
        this(Reason.of("GUARDIAN_NOT_FOUND", guardianId));
    }

    private GuardianNotFoundException(Reason reason) {
        super(reason.toString());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
