package org.guardianportal.deadletters;

/** No dead letter of that id, or no dead-letter log of that topic in this service. */
class DeadLetterNotFoundException extends DeadLetterRefusal {

    DeadLetterNotFoundException(String code, Object... values) {
        super(code, values);
    }
}
