package org.guardianportal.guardian.districtsync;

import org.apache.kafka.common.errors.SerializationException;
import org.guardianportal.guardian.guardian.Reason;

/**
 * A district record that cannot be applied, and why: its message is the reason in English. Spring's error-handling
 * deserializer hands it to the error handler serialised in a header, the reason with it.
 */
class RefusedRecordException extends SerializationException {

    private final Reason reason;

    RefusedRecordException(Reason reason) {
        super(reason.toString());
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
